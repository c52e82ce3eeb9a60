using Microsoft.AspNetCore.Mvc.Filters;
using Portal.Infrastructure.Customers;
using Portal.Infrastructure.PayLinks;

namespace Portal.Web.Customers;

/// <summary>
/// On pages anyone may open (home, accessibility, privacy, errors), shows the organisation's brand and phone
/// number when the visitor has a working session. Pages behind a pay link do this themselves, and stricter.
/// </summary>
public class CustomerContextFilter(CustomerContext customer, CustomerAccountService accounts) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HandlerInstance is not CustomerPageModel && customer.Organisation is null)
        {
            var link = await CustomerSession.LinkAsync(context.HttpContext);
            if (link.IsActive)
            {
                customer.Link = link;
                customer.Organisation = await accounts.GetBrandAsync(link.OrganisationId, link.OrganisationVersion, context.HttpContext.RequestAborted);
            }
        }
        await next();
    }
}

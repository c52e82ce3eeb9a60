using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Infrastructure.Customers;
using Portal.Infrastructure.PayLinks;

namespace Portal.Web.Customers;

/// <summary>
/// A page behind a pay link. Without a session the customer gets "open your link again" (401); once the link
/// expires or is revoked, the next request gets the 410 page.
/// </summary>
public abstract class CustomerPageModel : PageModel
{
    protected PayLinkResolution Link { get; private set; } = PayLinkResolution.NotFound;

    /// <summary>The customer this page serves, as the services take it; handed out by the session's pay link.</summary>
    protected CustomerScope Scope => CustomerScope.Of(Link);

    /// <summary>The organisation whose pages these are, as the layout shows it (kept in memory while its stamp holds).</summary>
    protected OrganisationBrand Organisation { get; private set; } = null!;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var services = HttpContext.RequestServices;
        var link = await CustomerSession.LinkAsync(HttpContext);
        if (!link.Found)
        {
            context.Result = new StatusCodeResult(StatusCodes.Status401Unauthorized);
            return;
        }
        var customer = services.GetRequiredService<CustomerContext>();
        customer.Link = link;
        customer.Organisation = await services.GetRequiredService<CustomerAccountService>()
            .GetBrandAsync(link.OrganisationId, link.OrganisationVersion, HttpContext.RequestAborted);
        if (!link.IsActive || customer.Organisation is null)
        {
            context.Result = new StatusCodeResult(StatusCodes.Status410Gone);
            return;
        }
        Link = link;
        Organisation = customer.Organisation;
        await next();
    }

    /// <summary>303 See Other: after a POST the browser asks for the next page with GET, so a reload never posts again.</summary>
    protected StatusCodeResult SeeOther(string url)
    {
        Response.Headers.Location = url;
        return StatusCode(StatusCodes.Status303SeeOther);
    }
}

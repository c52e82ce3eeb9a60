using Microsoft.AspNetCore.Mvc;
using Portal.Infrastructure.DirectDebit;
using Portal.Web.Customers;

namespace Portal.Web.Pages.DirectDebit;

/// <summary>Stopping direct debit: one question, then the mandate is revoked here and at Mollie.</summary>
public class StopModel(DirectDebitService directDebit) : CustomerPageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        (await directDebit.ViewAsync(Scope, ct)).Mandate is null ? SeeOther("/direct-debit") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await directDebit.StopAsync(Scope.OrganisationId, Scope.CustomerId, "stopped by the customer", Scope.Actor, ct);
        return SeeOther("/direct-debit?done=stopped");
    }
}

using Microsoft.AspNetCore.Mvc;
using Portal.Infrastructure.DirectDebit;
using Portal.Web.Customers;

namespace Portal.Web.Pages.DirectDebit;

/// <summary>The confirmation: direct debit is on, the schedule in plain words, and how to change or stop it.</summary>
public class DoneModel(DirectDebitService directDebit) : CustomerPageModel
{
    public DirectDebitService.CustomerPage Current { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Current = await directDebit.PageAsync(Scope, ct);
        return Current.View.Mandate is null ? SeeOther("/direct-debit") : Page();
    }
}

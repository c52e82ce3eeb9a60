using Microsoft.AspNetCore.Mvc;
using Portal.Infrastructure.DirectDebit;
using Portal.Web.Customers;

namespace Portal.Web.Pages.DirectDebit;

/// <summary>
/// "Automatisch betalen": without a mandate, what it is and the way in; with one, the day, the account, the next
/// collection and what it takes, and the ways to change the day or stop.
/// </summary>
public class IndexModel(DirectDebitService directDebit) : CustomerPageModel
{
    public DirectDebitService.CustomerPage Current { get; private set; } = null!;

    /// <summary>What just happened, to say so at the top: day (changed) or stopped.</summary>
    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Current = await directDebit.PageAsync(Scope, ct);
        return Current.Policy.Enabled || Current.View.Mandate is not null ? Page() : NotFound();
    }
}

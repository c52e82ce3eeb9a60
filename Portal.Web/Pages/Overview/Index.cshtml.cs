using Microsoft.AspNetCore.Mvc;
using Portal.Infrastructure.Customers;
using Portal.Web.Customers;

namespace Portal.Web.Pages.Overview;

/// <summary>The first page a customer sees: who the bill is from, what to pay and by when, and the open invoices.</summary>
public class OverviewModel(CustomerAccountService accounts) : CustomerPageModel
{
    public CustomerAccount Account { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var account = await accounts.GetAccountAsync(Scope, Organisation, ct);
        if (account is null) return NotFound();
        Account = account;
        return Page();
    }
}

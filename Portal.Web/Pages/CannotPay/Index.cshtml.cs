using Microsoft.AspNetCore.Mvc;
using Portal.Infrastructure.Hardship;

namespace Portal.Web.Pages.CannotPay;

/// <summary>
/// "Ik kan niet betalen": what is possible (a plan, a call-back), where free help is (the organisation's words and
/// links, or Portal's default), and a way to say that someone else handles the customer's money.
/// </summary>
public class IndexModel(HardshipService hardship) : Customers.CustomerPageModel
{
    [BindProperty(SupportsGet = true)]
    public bool Registered { get; set; }

    public HardshipView? Current { get; private set; }

    public Portal.Infrastructure.Customers.OrganisationBrand Brand => Organisation;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Current = await hardship.CurrentAsync(Scope, ct);
        return Page();
    }
}

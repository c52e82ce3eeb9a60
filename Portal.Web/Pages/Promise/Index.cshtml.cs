using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Infrastructure.Promises;
using Portal.Web.Customers;

namespace Portal.Web.Pages.Promise;

/// <summary>
/// A promise to pay: the customer picks the day, from tomorrow up to the organisation's maximum, by which they pay what
/// is open; reminders wait until then. With a promise open, the page says what was promised.
/// </summary>
public class IndexModel(PromiseService promises, TimeProvider clock, IStringLocalizer<SharedResource> texts) : CustomerPageModel
{
    [BindProperty]
    public string? Date { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Made { get; set; }

    public PromiseOffer Offer { get; private set; } = null!;
    public DateOnly First { get; private set; }
    public DateOnly Last { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } elsewhere) return elsewhere;
        if (string.IsNullOrWhiteSpace(Date)) return Refuse(texts["Promise.DateMissing"]);
        if (!DateOnly.TryParseExact(Date.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && !DateOnly.TryParseExact(Date.Trim(), ["d-M-yyyy", "d/M/yyyy", "d.M.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            return Refuse(texts["Promise.DateInvalid"]);
        if (date < First || date > Last) return Refuse(texts["Promise.DateOutside", Display.Date(First), Display.Date(Last)]);
        var (outcome, _) = await promises.PromiseAsync(Scope, date, ct);
        return outcome switch
        {
            PromiseService.Outcome.Made or PromiseService.Outcome.AlreadyOne => SeeOther("/promise?made=true"),
            PromiseService.Outcome.NothingOpen => SeeOther("/promise"),
            _ => Refuse(texts["Promise.DateOutside", Display.Date(First), Display.Date(Last)]),
        };
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        if (!Organisation.Promises.Enabled) return NotFound();
        Offer = await promises.OfferAsync(Scope, ct);
        (First, Last) = Organisation.Promises.Window(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        return null;
    }

    private PageResult Refuse(string message)
    {
        ModelState.AddModelError(nameof(Date), message);
        return Page();
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Domain.Callbacks;
using Portal.Infrastructure.Callbacks;
using Portal.Web.Customers;

namespace Portal.Web.Pages.Callback;

/// <summary>
/// Step 2: the day (a link per day that still has room, so it works without script) and then a time on it. Only free
/// slots are offered; one taken by someone else in the meantime is refused in plain words and the rest shown again.
/// </summary>
public class WhenModel(CallbackService callbacks, IStringLocalizer<SharedResource> texts) : CustomerPageModel
{
    /// <summary>The slot's start in UTC, as <see cref="SlotValue"/> writes it.</summary>
    [BindProperty]
    public string? Slot { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Day { get; set; }

    public IReadOnlyList<DateOnly> Days { get; private set; } = [];
    public DateOnly? ChosenDay { get; private set; }
    public IReadOnlyList<CallbackSlot> Times { get; private set; } = [];
    public CallbackView? Current { get; private set; }

    public static string SlotValue(CallbackSlot slot) => slot.StartUtc.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await LoadAsync(ct) is { } elsewhere ? elsewhere : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } elsewhere) return elsewhere;
        if (Slot is null || !DateTime.TryParseExact(Slot, "yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var start))
            return Refuse(texts["Callback.ChooseSlot"]);
        var (topic, phone, language) = Answers!.Value;
        var (outcome, _) = await callbacks.BookAsync(Scope, topic, phone, language, start, ct);
        if (outcome is CallbackService.Outcome.Booked or CallbackService.Outcome.Moved)
        {
            CallbackDraft.Clear(HttpContext);
            return SeeOther("/callback/done");
        }
        // Taken or gone in the meantime: show what is free now.
        await LoadAsync(ct);
        return Refuse(texts[outcome == CallbackService.Outcome.Full ? "Callback.SlotFull" : "Callback.SlotGone"]);
    }

    private (CallbackTopic, string, string?)? Answers;

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        if (!Organisation.Callbacks.Enabled) return NotFound();
        var offer = await callbacks.OfferAsync(Scope, Organisation.Callbacks, ct);
        Current = offer.Current;
        Answers = CallbackDraft.Read(HttpContext, Link.PayLinkId) is { } draft ? (draft.Topic, draft.Phone, draft.Language)
            : offer.Current is { } c ? (c.Topic, c.Phone, c.Language) : null;
        if (Answers is null) return SeeOther("/callback");
        // The customer's own slot is not offered again as a move.
        var slots = offer.Slots.Where(s => Current is null || s.StartUtc != Current.SlotStart.UtcDateTime).ToList();
        Days = [.. slots.Select(s => s.Day).Distinct()];
        ChosenDay = DateOnly.TryParseExact(Day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && Days.Contains(day) ? day
            : Slot is not null ? slots.FirstOrDefault(s => SlotValue(s) == Slot)?.Day : null;
        Times = ChosenDay is { } chosen ? [.. slots.Where(s => s.Day == chosen)] : [];
        return null;
    }

    private PageResult Refuse(string message)
    {
        ModelState.AddModelError(nameof(Slot), message);
        return Page();
    }
}

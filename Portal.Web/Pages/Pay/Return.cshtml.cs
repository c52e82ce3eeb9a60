using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Domain;
using Portal.Domain.Payments;
using Portal.Infrastructure.Payments;
using Portal.Infrastructure.Payments.Mollie;
using Portal.Web.Customers;

namespace Portal.Web.Pages.Pay;

/// <summary>Back from the bank: shows the payment's true state, asking the provider first in case its webhook is late.</summary>
public class ReturnModel(PaymentService payments, PaymentSyncService sync, PaymentFeedbackService feedback,
    Portal.Infrastructure.Customers.CustomerAccountService accounts, IStringLocalizer<SharedResource> texts) : CustomerPageModel
{
    public Guid PaymentId { get; private set; }
    public PaymentStatus Status { get; private set; }
    public Money Amount { get; private set; }
    public bool FeedbackGiven { get; private set; }
    /// <summary>What the customer still owes after this payment, in its currency: zero after paying everything.</summary>
    public Money StillToPay { get; private set; }

    [BindProperty]
    public int? Score { get; set; }

    [BindProperty]
    public string? Comment { get; set; }

    /// <summary>The optional "how easy was this"; once per paid payment.</summary>
    public async Task<IActionResult> OnPostAsync(Guid paymentId, CancellationToken ct)
    {
        if (Score is not null and not (>= 1 and <= 10)) ModelState.AddModelError(nameof(Score), texts["Feedback.Empty"]);
        if (Comment?.Length > PaymentFeedback.MaxComment) ModelState.AddModelError(nameof(Comment), texts["Feedback.TooLong"]);
        if (ModelState.IsValid && Score is null && string.IsNullOrWhiteSpace(Comment)) ModelState.AddModelError(nameof(Score), texts["Feedback.Empty"]);
        if (!ModelState.IsValid)
        {
            if (await payments.FindAsync(Link, paymentId, ct) is not { } found) return NotFound();
            (PaymentId, Status, Amount) = (paymentId, found.Status, found.Amount);
            await LoadStillToPayAsync(ct);
            return Page();
        }
        return await feedback.RecordAsync(Link, paymentId, Score, Comment, ct) == PaymentFeedbackService.Outcome.NotFound
            ? NotFound()
            : RedirectToPage(new { paymentId });
    }

    public async Task<IActionResult> OnGetAsync(Guid paymentId, CancellationToken ct)
    {
        if (await payments.FindAsync(Link, paymentId, ct) is null) return NotFound();
        try
        {
            await sync.SyncAsync(paymentId, ct);
        }
        catch (MollieApiException e) when (e.IsTransient)
        {
            // Show what Portal knows; the webhook or the next look will bring the rest.
        }
        (Status, Amount) = (await payments.FindAsync(Link, paymentId, ct))!.Value;
        PaymentId = paymentId;
        FeedbackGiven = await feedback.HasFeedbackAsync(paymentId, ct);
        await LoadStillToPayAsync(ct);
        return Page();
    }

    private async Task LoadStillToPayAsync(CancellationToken ct)
    {
        var totals = (await accounts.GetAccountAsync(Link, ct))?.TotalsDue ?? [];
        StillToPay = totals.Where(t => t.Currency == Amount.Currency).Select(t => (Money?)t).FirstOrDefault() ?? Money.Zero(Amount.Currency);
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Domain;
using Portal.Domain.Payments;
using Portal.Infrastructure.Payments;
using Portal.Web.Customers;

namespace Portal.Web.Pages.Pay;

/// <summary>Back from the bank: shows the payment's true state, asking the provider first in case its webhook is late.</summary>
public class ReturnModel(PaymentResultService results, PaymentFeedbackService feedback, IStringLocalizer<SharedResource> texts) : CustomerPageModel
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
        if (!ModelState.IsValid) return Show(await results.GetAsync(Scope, paymentId, askProvider: false, ct));
        return await feedback.RecordAsync(Scope, paymentId, Score, Comment, ct) == PaymentFeedbackService.Outcome.NotFound
            ? NotFound()
            : RedirectToPage(new { paymentId });
    }

    public async Task<IActionResult> OnGetAsync(Guid paymentId, CancellationToken ct) =>
        Show(await results.GetAsync(Scope, paymentId, askProvider: true, ct));

    private IActionResult Show(PaymentResult? result)
    {
        if (result is null) return NotFound();
        (PaymentId, Status, Amount, FeedbackGiven, StillToPay) = (result.PaymentId, result.Status, result.Amount, result.FeedbackGiven, result.StillToPay);
        return Page();
    }
}

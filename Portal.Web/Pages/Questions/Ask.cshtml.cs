using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Api.Http;
using Portal.Domain.Questions;
using Portal.Infrastructure.Questions;
using Portal.Web.Customers;

namespace Portal.Web.Pages.Questions;

/// <summary>
/// A question about one of the customer's invoices, or their dispute of it (<c>kind</c> is question or dispute): a
/// reason, their words and optionally a file. A dispute first needs a one-time code, because it stops reminders and
/// collection. A file is checked by its content (PDF, JPEG or PNG), never by its name, and at most 10 MB.
/// </summary>
[RequestSizeLimit(MaxRequest)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequest)]
public class AskModel(QuestionService questions, IStringLocalizer<SharedResource> texts) : CustomerPageModel
{
    /// <summary>Room above the 10 MB a file may be, so a file that is too large gets a plain answer, not an error page.</summary>
    private const long MaxRequest = 25 * 1024 * 1024;

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public bool Dispute { get; private set; }
    public QuestionForm Form { get; private set; } = null!;

    private string SelfPath => $"/invoices/{Uri.EscapeDataString(Form.InvoiceNumber)}/{(Dispute ? "dispute" : "question")}";

    public async Task<IActionResult> OnGetAsync(string invoiceNumber, string kind, CancellationToken ct) =>
        await LoadAsync(invoiceNumber, kind, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(string invoiceNumber, string kind, CancellationToken ct)
    {
        if (await LoadAsync(invoiceNumber, kind, ct) is { } elsewhere) return elsewhere;
        if (!QuestionService.Reasons.TryGetValue(Reason ?? "", out var reason)) ModelState.AddModelError(nameof(Reason), texts["Question.ChooseReason"]);
        var text = Text?.Trim() ?? "";
        if (text.Length == 0) ModelState.AddModelError(nameof(Text), texts["Question.TextMissing"]);
        else if (text.Length > Question.MaxText) ModelState.AddModelError(nameof(Text), texts["Question.TextTooLong"]);
        else if (!FieldRules.IsFreeText(text)) ModelState.AddModelError(nameof(Text), texts["Question.TextInvalid"]);
        var files = new List<(string, byte[])>();
        if (Upload is { } upload)
        {
            var head = new byte[8];
            int read;
            await using (var stream = upload.OpenReadStream()) read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
            switch (UploadCheck.Check(upload.Length, head.AsSpan(0, read)))
            {
                case UploadCheck.Refusal.Empty: ModelState.AddModelError(nameof(Upload), texts["Question.FileEmpty"]); break;
                case UploadCheck.Refusal.TooLarge: ModelState.AddModelError(nameof(Upload), texts["Question.FileTooLarge"]); break;
                case UploadCheck.Refusal.NotAllowed: ModelState.AddModelError(nameof(Upload), texts["Question.FileNotAllowed"]); break;
                default:
                    using (var buffer = new MemoryStream((int)upload.Length))
                    {
                        await upload.CopyToAsync(buffer, ct);
                        files.Add((UploadCheck.Sniff(head.AsSpan(0, read))!, buffer.ToArray()));
                    }
                    break;
            }
        }
        if (!ModelState.IsValid) return Page();
        // Null: the dispute was sent already (a second press) or its code no longer counts; the list or the code step says which.
        if (await questions.AskAsync(Scope, Form.InvoiceId, reason, text, Dispute, files, ct) is not { } asked)
            return await LoadAsync(invoiceNumber, kind, ct) ?? SeeOther("/questions");
        return SeeOther($"/questions?sent={asked.Id}");
    }

    private async Task<IActionResult?> LoadAsync(string invoiceNumber, string kind, CancellationToken ct)
    {
        Dispute = kind == "dispute";
        if (await questions.FormAsync(Scope, invoiceNumber, ct) is not { } form) return NotFound();
        Form = form;
        // One dispute at a time per invoice: the one that is open is on the customer's list.
        if (Dispute && form.AlreadyDisputed) return SeeOther("/questions");
        if (Dispute && !form.Verified) return SeeOther(StepUp.VerifyPage(QuestionService.DisputePurpose, SelfPath));
        return null;
    }
}

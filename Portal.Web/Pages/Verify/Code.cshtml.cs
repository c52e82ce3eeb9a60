using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Domain.Verification;
using Portal.Infrastructure.Verification;
using Portal.Web.Customers;

namespace Portal.Web.Pages.Verify;

/// <summary>
/// Where the customer types the code: right, and they go back to the step they came from, proved; wrong, expired or
/// tried five times, and the page says so in plain words and offers a new code.
/// </summary>
public class CodeModel(OneTimeCodeService codes, IStringLocalizer<SharedResource> texts) : CustomerPageModel
{
    [BindProperty(SupportsGet = true, Name = "for")]
    public string? Purpose { get; set; }

    [BindProperty(SupportsGet = true, Name = "return")]
    public string? Return { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    public OneTimeCodeService.Pending? Sent { get; private set; }

    /// <summary>True after a new code was sent from this page.</summary>
    [BindProperty(SupportsGet = true, Name = "again")]
    public bool SentAgain { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!StepUp.IsPurpose(Purpose)) return NotFound();
        Sent = await codes.PendingAsync(Scope, Purpose!, ct);
        return Sent is null ? SeeOther($"/verify?for={Uri.EscapeDataString(Purpose!)}&return={Uri.EscapeDataString(StepUp.ReturnPath(Return))}") : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!StepUp.IsPurpose(Purpose)) return NotFound();
        Sent = await codes.PendingAsync(Scope, Purpose!, ct);
        if (Sent is null) return await OnGetAsync(ct);
        var digits = new string((Code ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray());
        if (digits.Length == 0) return Refuse(texts["VerifyCode.Missing"]);
        if (digits.Length != OneTimeCode.Digits || !digits.All(char.IsAsciiDigit)) return Refuse(texts["VerifyCode.Format"]);

        var result = await codes.VerifyAsync(Scope, Purpose!, digits, ct);
        return result?.Check switch
        {
            CodeCheck.Verified or CodeCheck.AlreadyUsed => SeeOther(StepUp.ReturnPath(Return)),
            CodeCheck.Wrong => Refuse(texts["VerifyCode.Wrong", result.Value.TriesLeft]),
            CodeCheck.Expired => Refuse(texts["VerifyCode.Expired"]),
            _ => Refuse(texts["VerifyCode.NoTriesLeft", OneTimeCode.MaxTries]),
        };
    }

    /// <summary>A new code to the same contact detail.</summary>
    public async Task<IActionResult> OnPostResendAsync(CancellationToken ct)
    {
        if (!StepUp.IsPurpose(Purpose)) return NotFound();
        Sent = await codes.PendingAsync(Scope, Purpose!, ct);
        if (Sent is null) return await OnGetAsync(ct);
        var result = await codes.SendAsync(Scope, Purpose!, Sent.Channel, ct);
        if (result.Outcome == OneTimeCodeService.SendOutcome.TooSoon) return Refuse(texts["Verify.TooSoon", Display.Time(result.RetryAtUtc!.Value)]);
        return SeeOther(StepUp.CodePage(Purpose!, StepUp.ReturnPath(Return)) + "&again=true");
    }

    private PageResult Refuse(string message)
    {
        ModelState.AddModelError(nameof(Code), message);
        return Page();
    }
}

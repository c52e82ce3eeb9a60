using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Domain.Messages;
using Portal.Domain.Verification;
using Portal.Infrastructure.Customers;
using Portal.Infrastructure.Verification;
using Portal.Web.Customers;

namespace Portal.Web.Pages.Contact;

/// <summary>
/// The codes sent to a new e-mail address or number come back here; once each is right, the change the customer asked
/// for on <c>/contact</c> is saved. Until then nothing changed.
/// </summary>
public class ConfirmModel(ContactChangeService contacts, OneTimeCodeService codes, IStringLocalizer<SharedResource> texts) : CustomerPageModel
{
    [BindProperty] public string? EmailCode { get; set; }
    [BindProperty] public string? PhoneCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Again { get; set; }

    /// <summary>Each new e-mail address or number, masked, and whether its code came back already.</summary>
    public IReadOnlyList<(string Purpose, MessageChannel Channel, string Masked, bool Proved)> Pending { get; private set; } = [];

    public static string FieldOf(string purpose) => purpose == ContactChangeService.NewEmailPurpose ? nameof(EmailCode) : nameof(PhoneCode);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is not { } draft) return SeeOther("/contact");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is not { } draft) return SeeOther("/contact");
        foreach (var (purpose, _, _, proved) in Pending)
        {
            if (proved) continue;
            var field = FieldOf(purpose);
            var digits = new string(((field == nameof(EmailCode) ? EmailCode : PhoneCode) ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray());
            if (digits.Length == 0) ModelState.AddModelError(field, texts["VerifyCode.Missing"]);
            else if (digits.Length != OneTimeCode.Digits || !digits.All(char.IsAsciiDigit)) ModelState.AddModelError(field, texts["VerifyCode.Format"]);
            else
            {
                var result = await codes.VerifyAsync(Scope, purpose, digits, ct);
                switch (result?.Check)
                {
                    case CodeCheck.Verified or CodeCheck.AlreadyUsed: break;
                    case CodeCheck.Wrong: ModelState.AddModelError(field, texts["VerifyCode.Wrong", result.Value.TriesLeft]); break;
                    case CodeCheck.Expired: ModelState.AddModelError(field, texts["VerifyCode.Expired"]); break;
                    default: ModelState.AddModelError(field, texts["VerifyCode.NoTriesLeft", OneTimeCode.MaxTries]); break;
                }
            }
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        var saved = await contacts.ConfirmAsync(Scope, draft.Wanted, ct);
        switch (saved.Outcome)
        {
            case ContactChangeService.Outcome.Saved:
            case ContactChangeService.Outcome.NothingChanged:
                ContactDraft.Clear(HttpContext);
                return SeeOther("/contact?saved=true");
            case ContactChangeService.Outcome.NewNotProved:
                await LoadAsync(ct);
                return Page();
            default:
                // The fifteen minutes after the first code passed: prove it is them again; the draft waits.
                return SeeOther(StepUp.VerifyPage(ContactChangeService.Purpose, "/contact/confirm"));
        }
    }

    /// <summary>New codes to the new e-mail address or number whose code did not come back yet.</summary>
    public async Task<IActionResult> OnPostResendAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is not { } draft) return SeeOther("/contact");
        var result = await contacts.ResendAsync(Scope, draft.Wanted, ct);
        if (result.Outcome == ContactChangeService.Outcome.TooSoon)
        {
            ModelState.AddModelError(FieldOf(Pending.First(p => !p.Proved).Purpose), texts["Verify.TooSoon", Display.Time(result.RetryAtUtc!.Value)]);
            return Page();
        }
        if (result.Outcome == ContactChangeService.Outcome.NotVerified) return SeeOther(StepUp.VerifyPage(ContactChangeService.Purpose, "/contact/confirm"));
        return SeeOther("/contact/confirm?again=true");
    }

    /// <summary>The draft with its new addresses or numbers, and which codes came back; one query.</summary>
    private async Task<ContactDraft?> LoadAsync(CancellationToken ct)
    {
        var draft = ContactDraft.Read(HttpContext, Link.PayLinkId);
        if (draft is not { ToProve.Count: > 0 }) return null;
        var newest = await codes.NewestAsync(Scope, [.. draft.ToProve.Select(p => p.Purpose)], ct);
        Pending = [.. draft.ToProve.Select(p => (p.Purpose, p.Channel, ContactMask.Of(p.Channel, p.Recipient),
            newest.TryGetValue(p.Purpose, out var code) && code.Recipient == p.Recipient && code.Proved))];
        return draft;
    }
}

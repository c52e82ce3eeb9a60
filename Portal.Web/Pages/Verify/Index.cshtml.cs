using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Domain.Messages;
using Portal.Infrastructure.Verification;
using Portal.Web.Customers;

namespace Portal.Web.Pages.Verify;

/// <summary>
/// The first step of proving it is the customer: where the code goes, chosen among the contact details on file (shown
/// masked). Sending it leads to the page where it is typed.
/// </summary>
public class IndexModel(OneTimeCodeService codes, IStringLocalizer<SharedResource> texts) : CustomerPageModel
{
    [BindProperty(SupportsGet = true, Name = "for")]
    public string? Purpose { get; set; }

    [BindProperty(SupportsGet = true, Name = "return")]
    public string? Return { get; set; }

    /// <summary>email or sms.</summary>
    [BindProperty]
    public string? Channel { get; set; }

    public IReadOnlyList<OneTimeCodeService.Contact> Contacts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!StepUp.IsPurpose(Purpose)) return NotFound();
        Contacts = await codes.ContactsAsync(Scope, ct);
        Channel ??= Contacts.Count > 0 ? Contacts[0].Channel.Name() : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!StepUp.IsPurpose(Purpose)) return NotFound();
        Contacts = await codes.ContactsAsync(Scope, ct);
        if (!MessageNames.TryParseChannel(Channel, out var channel) || Contacts.All(c => c.Channel != channel))
        {
            ModelState.AddModelError(nameof(Channel), texts["Verify.ChooseContact"]);
            return Page();
        }
        var sent = await codes.SendAsync(Scope, Purpose!, channel, ct);
        if (sent.Outcome == OneTimeCodeService.SendOutcome.TooSoon)
        {
            ModelState.AddModelError(nameof(Channel), texts["Verify.TooSoon", Display.Time(sent.RetryAtUtc!.Value)]);
            return Page();
        }
        if (sent.Outcome == OneTimeCodeService.SendOutcome.NoSuchContact)
        {
            ModelState.AddModelError(nameof(Channel), texts["Verify.ChooseContact"]);
            return Page();
        }
        return SeeOther(StepUp.CodePage(Purpose!, StepUp.ReturnPath(Return)));
    }
}

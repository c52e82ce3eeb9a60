using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Api.Http;
using Portal.Domain.Callbacks;
using Portal.Domain.Messages;
using Portal.Infrastructure.Callbacks;
using Portal.Web.Customers;

namespace Portal.Web.Pages.Callback;

/// <summary>
/// "Bel mij terug", step 1: what the customer wants to talk about, the number to call (the one on file, shown masked, or
/// another) and, if they like, the language. A customer with a call-back waiting sees it instead, unless they change it.
/// </summary>
public class IndexModel(CallbackService callbacks, IStringLocalizer<SharedResource> texts) : CustomerPageModel
{
    public const string OnFile = "file";
    public const string Other = "other";

    [BindProperty]
    public string? Topic { get; set; }

    [BindProperty]
    public string? PhoneChoice { get; set; }

    [BindProperty]
    public string? OtherPhone { get; set; }

    [BindProperty]
    public string? Language { get; set; }

    /// <summary>True when the customer changes the call-back they have.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Change { get; set; }

    public string? MaskedPhone { get; private set; }

    public IReadOnlyList<string> Languages => Organisation.LanguageCodes;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Organisation.Callbacks.Enabled) return NotFound();
        var offer = await callbacks.OfferAsync(Scope, Organisation.Callbacks, ct);
        if (offer.Current is not null && !Change) return SeeOther("/callback/done");
        MaskedPhone = offer.PhoneOnFile is { } phone ? ContactMask.Phone(phone) : null;
        var draft = CallbackDraft.Read(HttpContext, Link.PayLinkId);
        (CallbackTopic?, string?, string?) answers = draft is not null ? (draft.Topic, draft.Phone, draft.Language)
            : offer.Current is { } c ? (c.Topic, c.Phone, c.Language) : (null, null, null);
        var (topic, number, language) = answers;
        Topic = topic is { } t ? CallbackService.TopicName(t) : null;
        PhoneChoice = number is null ? (MaskedPhone is null ? Other : OnFile) : number == offer.PhoneOnFile ? OnFile : Other;
        OtherPhone = number is not null && number != offer.PhoneOnFile ? number : null;
        Language = language;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!Organisation.Callbacks.Enabled) return NotFound();
        var offer = await callbacks.OfferAsync(Scope, Organisation.Callbacks, ct);
        MaskedPhone = offer.PhoneOnFile is { } onFile ? ContactMask.Phone(onFile) : null;
        if (!CallbackService.Topics.TryGetValue(Topic ?? "", out var topic)) ModelState.AddModelError(nameof(Topic), texts["Callback.ChooseTopic"]);
        string? phone = null;
        if (PhoneChoice == OnFile && offer.PhoneOnFile is not null) phone = offer.PhoneOnFile;
        else if (PhoneChoice == Other || MaskedPhone is null)
        {
            if (string.IsNullOrWhiteSpace(OtherPhone)) ModelState.AddModelError(nameof(OtherPhone), texts["Callback.PhoneMissing"]);
            else if (OtherPhone.Length > 30 || FieldRules.ToE164Phone(OtherPhone) is not { } parsed) ModelState.AddModelError(nameof(OtherPhone), texts["Callback.PhoneInvalid"]);
            else phone = parsed;
        }
        else ModelState.AddModelError(nameof(PhoneChoice), texts["Callback.ChoosePhone"]);
        var language = string.IsNullOrEmpty(Language) ? null : Languages.Contains(Language) ? Language : null;
        if (!ModelState.IsValid) return Page();
        new CallbackDraft(Link.PayLinkId, topic, phone!, language).Write(HttpContext);
        return SeeOther("/callback/when");
    }
}

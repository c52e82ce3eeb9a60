using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Api.Http;
using Portal.Domain.Customers;
using Portal.Domain.Messages;
using Portal.Infrastructure.Customers;
using Portal.Web.Customers;

namespace Portal.Web.Pages.Contact;

/// <summary>
/// "Mijn gegevens": how the organisation reaches the customer, shown masked; after a one-time code to a contact on
/// file the customer sees them in full and changes them. A new e-mail address or number waits for a code sent to it
/// (<c>/contact/confirm</c>); anything else is saved at once.
/// </summary>
public partial class IndexModel(ContactChangeService contacts, IStringLocalizer<SharedResource> texts) : CustomerPageModel
{
    /// <summary>The countries offered for the postal address, most customers' first; a stored other one is added.</summary>
    public static readonly IReadOnlyList<string> Countries = ["NL", "BE", "DE", "LU", "FR", "GB", "ES", "PT", "IT", "AT", "PL", "TR", "MA"];

    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? Line1 { get; set; }
    [BindProperty] public string? Line2 { get; set; }
    [BindProperty] public string? PostalCode { get; set; }
    [BindProperty] public string? City { get; set; }
    [BindProperty] public string? Country { get; set; }
    [BindProperty] public string? Channel { get; set; }
    [BindProperty] public string? Language { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Saved { get; set; }

    public ContactChangeService.ContactForm Form { get; private set; } = null!;

    /// <summary>Shown instead of an error when the customer sent the form without changing anything.</summary>
    public bool NothingChanged { get; private set; }

    public IReadOnlyList<string> Languages => Organisation.LanguageCodes;

    public IReadOnlyList<string> CountryChoices => Country is { Length: 2 } c && !Countries.Contains(c) ? [.. Countries, c] : Countries;

    public string VerifyPath => StepUp.VerifyPage(ContactChangeService.Purpose, "/contact");

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Form = await contacts.FormAsync(Scope, ct);
        Fill(ContactDraft.Read(HttpContext, Link.PayLinkId)?.Wanted ?? Form.Current);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Form = await contacts.FormAsync(Scope, ct);
        if (!Form.Verified) return SeeOther(VerifyPath);
        var wanted = Check(Form.Current);
        if (wanted is null) return Page();
        var result = await contacts.ChangeAsync(Scope, wanted, ct);
        switch (result.Outcome)
        {
            case ContactChangeService.Outcome.Saved:
                ContactDraft.Clear(HttpContext);
                return SeeOther("/contact?saved=true");
            case ContactChangeService.Outcome.CodesSent:
                new ContactDraft(Link.PayLinkId, wanted, [.. ContactChangeService.NewContacts(Form.Current, wanted)
                    .Select(n => new ContactDraft.NewContact(n.Purpose, n.Channel, n.Recipient))]).Write(HttpContext);
                return SeeOther("/contact/confirm");
            case ContactChangeService.Outcome.NothingChanged:
                NothingChanged = true;
                return Page();
            case ContactChangeService.Outcome.TooSoon:
                ModelState.AddModelError(wanted.Email != Form.Current.Email ? nameof(Email) : nameof(Phone), texts["Verify.TooSoon", Display.Time(result.RetryAtUtc!.Value)]);
                return Page();
            case ContactChangeService.Outcome.NewNotProved:
                ModelState.AddModelError(wanted.Email != Form.Current.Email ? nameof(Email) : nameof(Phone), texts["Contact.CannotSend"]);
                return Page();
            default:
                return SeeOther(VerifyPath);
        }
    }

    private void Fill(ContactDetails details)
    {
        Email = details.Email;
        Phone = details.Phone is { } p ? FieldRules.ReadablePhone(p) : null;
        Line1 = details.Address?.Line1;
        Line2 = details.Address?.Line2;
        PostalCode = details.Address?.PostalCode;
        City = details.Address?.City;
        Country = details.Address?.Country ?? "NL";
        Channel = (details.PreferredChannel ?? Default(details)).Name();
        Language = details.Language is { } l && Languages.Contains(l) ? l : null;
    }

    /// <summary>The channel messages go by when the customer chose none: e-mail when known, then text message, then letter.</summary>
    public static MessageChannel Default(ContactDetails d) =>
        d.Email is not null ? MessageChannel.Email : d.Phone is not null ? MessageChannel.Sms : MessageChannel.Letter;

    /// <summary>The form as contact details in the form they are stored, or null with an error per field that is wrong.</summary>
    private ContactDetails? Check(ContactDetails current)
    {
        string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
        var email = Clean(Email);
        if (email is not null && !FieldRules.IsEmail(email)) ModelState.AddModelError(nameof(Email), texts["Contact.EmailInvalid"]);
        var phoneText = Clean(Phone);
        string? phone = null;
        if (phoneText is not null && (phoneText.Length > 30 || (phone = FieldRules.ToE164Phone(phoneText)) is null))
            ModelState.AddModelError(nameof(Phone), texts["Contact.PhoneInvalid"]);

        var (line1, line2, postal, city) = (Clean(Line1), Clean(Line2), Clean(PostalCode), Clean(City));
        var country = Clean(Country)?.ToUpperInvariant() ?? "NL";
        Address? address = null;
        if (line1 is not null || line2 is not null || postal is not null || city is not null)
        {
            if (line1 is null) ModelState.AddModelError(nameof(Line1), texts["Contact.Line1Missing"]);
            else if (line1.Length > 200 || !FieldRules.IsOneLine(line1)) ModelState.AddModelError(nameof(Line1), texts["Contact.TooLong"]);
            if (line2 is not null && (line2.Length > 200 || !FieldRules.IsOneLine(line2))) ModelState.AddModelError(nameof(Line2), texts["Contact.TooLong"]);
            if (country.Length != 2 || !country.All(char.IsAsciiLetterUpper)) country = "NL";
            if (postal is null) ModelState.AddModelError(nameof(PostalCode), texts["Contact.PostalCodeMissing"]);
            else if (country == "NL")
            {
                if (DutchPostcode().Match(postal) is { Success: true } m) postal = $"{m.Groups[1].Value} {m.Groups[2].Value.ToUpperInvariant()}";
                else ModelState.AddModelError(nameof(PostalCode), texts["Contact.PostalCodeInvalid"]);
            }
            else if (postal.Length > 20 || !FieldRules.IsOneLine(postal)) ModelState.AddModelError(nameof(PostalCode), texts["Contact.TooLong"]);
            if (city is null) ModelState.AddModelError(nameof(City), texts["Contact.CityMissing"]);
            else if (city.Length > 100 || !FieldRules.IsOneLine(city)) ModelState.AddModelError(nameof(City), texts["Contact.TooLong"]);
            if (ModelState.IsValid) address = new Address(line1!, line2, postal!, city!, country);
        }

        if (!MessageNames.TryParseChannel(Channel, out var channel) || !Form.Channels.Contains(channel))
            ModelState.AddModelError(nameof(Channel), texts["Contact.ChooseChannel"]);
        else if (channel == MessageChannel.Email && email is null && ModelState[nameof(Email)] is null)
            ModelState.AddModelError(nameof(Email), texts["Contact.ChannelNeedsEmail"]);
        else if (channel == MessageChannel.Sms && phoneText is null)
            ModelState.AddModelError(nameof(Phone), texts["Contact.ChannelNeedsPhone"]);
        else if (channel == MessageChannel.Letter && address is null && line1 is null)
            ModelState.AddModelError(nameof(Line1), texts["Contact.ChannelNeedsAddress"]);

        // The same address or number written another way is not a new one: nothing to prove, nothing changed.
        if (email is not null && string.Equals(email, current.Email, StringComparison.OrdinalIgnoreCase)) email = current.Email;
        if (phone is not null && current.Phone is { } onFile && FieldRules.ToE164Phone(onFile) == phone) phone = onFile;
        var language = Clean(Language) is not { } l ? null : Languages.Contains(l) ? l : current.Language;
        if (!ModelState.IsValid) return null;
        // Choosing what Portal would choose anyway keeps "none chosen", so the ERP's later choice still counts.
        MessageChannel? chosen = current.PreferredChannel is null && channel == Default(new ContactDetails(email, phone, address, null, null)) ? null : channel;
        return new ContactDetails(email, phone, address, language, chosen);
    }

    [GeneratedRegex(@"^\s*([1-9][0-9]{3})\s*([A-Za-z]{2})\s*$")]
    private static partial Regex DutchPostcode();
}

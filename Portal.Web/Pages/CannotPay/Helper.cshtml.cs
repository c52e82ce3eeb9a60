using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Api.Http;
using Portal.Domain.Hardship;
using Portal.Infrastructure.Hardship;

namespace Portal.Web.Pages.CannotPay;

/// <summary>
/// The customer says who handles their money: a bewindvoerder or a schuldhulpverlener, their name, organisation and a
/// phone number or e-mail address. Sending it holds every invoice of the customer (no direct debit, no reminder) and tells the ERP.
/// </summary>
public class HelperModel(HardshipService hardship, IStringLocalizer<SharedResource> texts) : Customers.CustomerPageModel
{
    [BindProperty]
    public string? Role { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? HelperOrganisation { get; set; }

    [BindProperty]
    public string? Contact { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await hardship.CurrentAsync(Scope, ct) is null ? Page() : SeeOther("/cannot-pay");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!HardshipService.Roles.TryGetValue(Role ?? "", out var role)) ModelState.AddModelError(nameof(Role), texts["Helper.ChooseRole"]);
        var name = Name?.Trim() ?? "";
        if (name.Length == 0) ModelState.AddModelError(nameof(Name), texts["Helper.NameMissing"]);
        else if (name.Length > HardshipRegistration.MaxName || !FieldRules.IsOneLine(name)) ModelState.AddModelError(nameof(Name), texts["Helper.NameInvalid"]);
        var organisation = string.IsNullOrWhiteSpace(HelperOrganisation) ? null : HelperOrganisation.Trim();
        if (organisation is not null && (organisation.Length > HardshipRegistration.MaxName || !FieldRules.IsOneLine(organisation)))
            ModelState.AddModelError(nameof(HelperOrganisation), texts["Helper.NameInvalid"]);
        var contact = Contact?.Trim() ?? "";
        string? reach = null;
        if (contact.Length == 0) ModelState.AddModelError(nameof(Contact), texts["Helper.ContactMissing"]);
        else if (contact.Length <= HardshipRegistration.MaxContact && contact.Contains('@') && FieldRules.IsEmail(contact)) reach = contact;
        else if (contact.Length <= 30 && FieldRules.ToE164Phone(contact) is { } phone) reach = phone;
        else ModelState.AddModelError(nameof(Contact), texts["Helper.ContactInvalid"]);
        if (!ModelState.IsValid) return Page();
        await hardship.RegisterAsync(Scope, role, name, organisation, reach!, ct);
        return SeeOther("/cannot-pay?registered=true");
    }
}

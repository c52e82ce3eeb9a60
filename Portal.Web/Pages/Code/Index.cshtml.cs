using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Infrastructure.Customers;
using Portal.Infrastructure.PayLinks;
using Portal.Web.Customers;

namespace Portal.Web.Pages.Code;

/// <summary>
/// For people without the link: the code printed on their letter and their postcode open the letter's pages, as the
/// link would. A wrong code and a wrong postcode get the same answer; too many tries from one address, or with one
/// code, and the page says what to do instead.
/// </summary>
public class IndexModel(LetterCodeService letterCodes, CustomerAccountService accounts, IStringLocalizer<SharedResource> texts) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Postcode { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Code)) ModelState.AddModelError(nameof(Code), texts["LetterCode.CodeMissing"]);
        if (string.IsNullOrWhiteSpace(Postcode)) ModelState.AddModelError(nameof(Postcode), texts["LetterCode.PostcodeMissing"]);
        if (Code?.Length > 40 || Postcode?.Length > 40) ModelState.AddModelError(nameof(Code), texts["LetterCode.NoMatch"]);
        if (!ModelState.IsValid) return Page();

        var address = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var result = await letterCodes.OpenAsync(Code, Postcode, address, ct);
        switch (result.Outcome)
        {
            case LetterCodeService.Outcome.Opened:
                var language = await accounts.GetLanguageAsync(result.Link.CustomerId, ct);
                var brand = await accounts.GetBrandAsync(result.Link.OrganisationId, result.Link.OrganisationVersion, ct);
                await CustomerSession.SignInAsync(HttpContext, result.Link, language, brand?.Languages);
                Response.Headers.Location = "/overview";
                return StatusCode(StatusCodes.Status303SeeOther);
            case LetterCodeService.Outcome.TooMany:
                ModelState.AddModelError(nameof(Code), texts["LetterCode.TooMany"]);
                break;
            case LetterCodeService.Outcome.Locked:
                ModelState.AddModelError(nameof(Code), texts["LetterCode.Locked"]);
                break;
            case LetterCodeService.Outcome.Expired:
                ModelState.AddModelError(nameof(Code), texts["LetterCode.Expired"]);
                break;
            default:
                ModelState.AddModelError(nameof(Code), texts["LetterCode.NoMatch"]);
                break;
        }
        return Page();
    }
}

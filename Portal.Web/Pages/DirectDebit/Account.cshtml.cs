using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Domain.DirectDebit;
using Portal.Domain.Payments;
using Portal.Web.Customers;

namespace Portal.Web.Pages.DirectDebit;

/// <summary>The account to collect from: the IBAN (checked with mod 97 before anything else) and the account holder's name.</summary>
public class AccountModel(IStringLocalizer<SharedResource> texts) : CustomerPageModel
{
    [BindProperty]
    public string? Iban { get; set; }

    [BindProperty]
    public string? AccountHolder { get; set; }

    public IActionResult OnGet()
    {
        var draft = DirectDebitDraft.Read(HttpContext, Link.PayLinkId);
        if (draft.Day is null) return SeeOther("/direct-debit/day");
        Iban = draft.Iban;
        AccountHolder = draft.AccountHolder;
        return Page();
    }

    public IActionResult OnPost()
    {
        var draft = DirectDebitDraft.Read(HttpContext, Link.PayLinkId);
        if (draft.Day is null) return SeeOther("/direct-debit/day");
        if (string.IsNullOrWhiteSpace(Iban)) ModelState.AddModelError(nameof(Iban), texts["DirectDebit.IbanMissing"]);
        else if (!Portal.Domain.Payments.Iban.IsValid(Iban)) ModelState.AddModelError(nameof(Iban), texts["DirectDebit.IbanWrong"]);
        var holder = AccountHolder?.Trim() ?? "";
        if (holder.Length == 0) ModelState.AddModelError(nameof(AccountHolder), texts["DirectDebit.HolderMissing"]);
        else if (holder.Length > Mandate.MaxAccountHolderLength || holder.Any(char.IsControl))
            ModelState.AddModelError(nameof(AccountHolder), texts["DirectDebit.HolderTooLong", Mandate.MaxAccountHolderLength]);
        if (!ModelState.IsValid) return Page();
        (draft with { Iban = Portal.Domain.Payments.Iban.Normalise(Iban!), AccountHolder = holder }).Write(HttpContext);
        return SeeOther("/direct-debit/check");
    }
}

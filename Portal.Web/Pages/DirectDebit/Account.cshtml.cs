using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Domain.DirectDebit;
using Portal.Domain.Payments;
using Portal.Web.Customers;

namespace Portal.Web.Pages.DirectDebit;

/// <summary>The account to collect from: the IBAN (checked with mod 97 before anything else) and the account holder's name.</summary>
public class AccountModel(Portal.Infrastructure.DirectDebit.DirectDebitService directDebit, IStringLocalizer<SharedResource> texts) : CustomerPageModel
{
    /// <summary>ideal or iban.</summary>
    [BindProperty]
    public string? Way { get; set; }

    /// <summary>The first iDEAL payment's amount; null when the customer has no open invoice to make it on (then only the IBAN way).</summary>
    public Portal.Domain.Money? FirstPayment { get; private set; }

    [BindProperty]
    public string? Iban { get; set; }

    [BindProperty]
    public string? AccountHolder { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var draft = DirectDebitDraft.Read(HttpContext, Link.PayLinkId);
        if (draft.Day is null) return SeeOther("/direct-debit/day");
        await LoadAsync(ct);
        Iban = draft.Iban;
        AccountHolder = draft.AccountHolder;
        Way = draft.Way ?? (FirstPayment is null ? DirectDebitDraft.ByIban : null);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var draft = DirectDebitDraft.Read(HttpContext, Link.PayLinkId);
        if (draft.Day is null) return SeeOther("/direct-debit/day");
        await LoadAsync(ct);
        if (FirstPayment is null) Way = DirectDebitDraft.ByIban;
        if (Way == DirectDebitDraft.ByIdeal)
        {
            (draft with { Way = DirectDebitDraft.ByIdeal, Iban = null, AccountHolder = null }).Write(HttpContext);
            return SeeOther("/direct-debit/check");
        }
        if (Way != DirectDebitDraft.ByIban)
        {
            ModelState.AddModelError(nameof(Way), texts["DirectDebit.ChooseWay"]);
            return Page();
        }
        if (string.IsNullOrWhiteSpace(Iban)) ModelState.AddModelError(nameof(Iban), texts["DirectDebit.IbanMissing"]);
        else if (!Portal.Domain.Payments.Iban.IsValid(Iban)) ModelState.AddModelError(nameof(Iban), texts["DirectDebit.IbanWrong"]);
        var holder = AccountHolder?.Trim() ?? "";
        if (holder.Length == 0) ModelState.AddModelError(nameof(AccountHolder), texts["DirectDebit.HolderMissing"]);
        else if (holder.Length > Mandate.MaxAccountHolderLength || holder.Any(char.IsControl))
            ModelState.AddModelError(nameof(AccountHolder), texts["DirectDebit.HolderTooLong", Mandate.MaxAccountHolderLength]);
        if (!ModelState.IsValid) return Page();
        (draft with { Way = DirectDebitDraft.ByIban, Iban = Portal.Domain.Payments.Iban.Normalise(Iban!), AccountHolder = holder }).Write(HttpContext);
        return SeeOther("/direct-debit/check");
    }

    private async Task LoadAsync(CancellationToken ct) => FirstPayment = (await directDebit.PageAsync(Scope, ct)).FirstPayment?.Amount;
}

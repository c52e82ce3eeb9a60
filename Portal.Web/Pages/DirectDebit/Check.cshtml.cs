using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Domain.DirectDebit;
using Portal.Infrastructure;
using Portal.Infrastructure.DirectDebit;
using Portal.Infrastructure.Verification;
using Portal.Web.Customers;

namespace Portal.Web.Pages.DirectDebit;

/// <summary>
/// Check your answers, then agree: the day and first collection, the account, and the mandate text. Agreeing needs
/// a one-time code to a contact on file first; the text shown, the time and where the code went are kept as the
/// evidence of consent.
/// </summary>
public class CheckModel(DirectDebitService directDebit, OneTimeCodeService codes, PublicLinks links, IStringLocalizer<SharedResource> texts) : CustomerPageModel
{
    public const string Purpose = "mandate";

    public DirectDebitService.CustomerPage Current { get; private set; } = null!;
    public DirectDebitDraft Draft { get; private set; } = null!;
    public DirectDebitService.DayOffer Offer { get; private set; } = null!;
    public bool Verified { get; private set; }
    public string? Error { get; private set; }

    public string VerifyPage => $"/verify?for={Purpose}&return={Uri.EscapeDataString("/direct-debit/check")}";

    /// <summary>The consent the customer gives, in their language, as the page shows it and the evidence keeps it.</summary>
    public string MandateText => texts["DirectDebit.MandateText", Organisation.Name, Current.Policy.LeadBusinessDays, Current.Policy.CreditorId ?? ""];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    /// <summary>Way A: the bank confirms the account with a first iDEAL payment, so no code is needed.</summary>
    public bool ByIdeal => Draft.Way == DirectDebitDraft.ByIdeal;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } elsewhere) return elsewhere;
        if (ByIdeal) return await StartFirstPaymentAsync(ct);
        if (!Verified) return SeeOther(VerifyPage);
        var sent = await codes.PendingAsync(Scope, Purpose, ct);
        var evidence = string.Join('\n',
            "Mandate agreed on the customer's pay link.",
            FormattableString.Invariant($"At: {DateTime.UtcNow:O} (UTC); language: {CultureInfo.CurrentUICulture.Name}; pay link: {Link.PayLinkId}."),
            $"One-time code sent by {sent?.Channel.ToString().ToLowerInvariant()} to {sent?.Masked}, verified.",
            FormattableString.Invariant($"Day of the month: {Draft.Day}; first collection: {Offer.FirstCollection:yyyy-MM-dd}; account: {IbanMask.Of(Draft.Iban!)}; holder: {Draft.AccountHolder}."),
            "Text shown: " + MandateText);
        var result = await directDebit.SetUpByIbanAsync(Scope, Draft.Day!.Value, Draft.Iban!, Draft.AccountHolder!, evidence, ct);
        if (result.View is null)
        {
            Error = result.Unavailable ? texts["DirectDebit.Unavailable"]
                : result.Errors.Any(e => e.Field == "iban") ? texts["DirectDebit.IbanRefused"] : texts["DirectDebit.Refused"];
            return Page();
        }
        await codes.UseAsync(Scope, Purpose, ct);
        DirectDebitDraft.Clear(HttpContext);
        return SeeOther("/direct-debit/done");
    }

    private async Task<IActionResult> StartFirstPaymentAsync(CancellationToken ct)
    {
        var evidence = string.Join('\n',
            "Mandate agreed on the customer's pay link, to be confirmed by the bank with a first iDEAL payment.",
            FormattableString.Invariant($"At: {DateTime.UtcNow:O} (UTC); language: {CultureInfo.CurrentUICulture.Name}; pay link: {Link.PayLinkId}."),
            FormattableString.Invariant($"Day of the month: {Draft.Day}; first collection: {Offer.FirstCollection:yyyy-MM-dd}; first payment: {Current.FirstPayment?.Amount}."),
            "Text shown: " + MandateText);
        var started = await directDebit.StartFirstPaymentAsync(Scope, Draft.Day!.Value, evidence, links.To(Request, "/direct-debit/return"),
            links.To(Request, "/webhooks/mollie"), CultureInfo.CurrentUICulture.TwoLetterISOLanguageName switch { "nl" => "nl_NL", "pl" => "pl_PL", _ => "en_US" }, ct);
        if (started.CheckoutUrl is null)
        {
            Error = started.Refused is { Unavailable: true } ? texts["DirectDebit.Unavailable"] : texts["DirectDebit.Refused"];
            return Page();
        }
        DirectDebitDraft.Clear(HttpContext);
        return SeeOther(started.CheckoutUrl);
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        Draft = DirectDebitDraft.Read(HttpContext, Link.PayLinkId);
        if (Draft.Day is null) return SeeOther("/direct-debit/day");
        if (!Draft.HasAccount) return SeeOther("/direct-debit/account");
        Current = await directDebit.PageAsync(Scope, ct);
        if (!Current.Policy.Enabled) return NotFound();
        if (Current.Days.FirstOrDefault(d => d.Day == Draft.Day) is not { } offer) return SeeOther("/direct-debit/day");
        Offer = offer;
        if (ByIdeal && Current.FirstPayment is null) return SeeOther("/direct-debit/account");
        Verified = !ByIdeal && await codes.IsVerifiedAsync(Scope, Purpose, ct);
        return null;
    }
}

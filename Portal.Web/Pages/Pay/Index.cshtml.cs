using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Domain;
using Portal.Domain.Payments;
using Portal.Infrastructure;
using Portal.Infrastructure.Customers;
using Portal.Infrastructure.Payments;
using Portal.Web.Customers;

namespace Portal.Web.Pages.Pay;

/// <summary>
/// Which invoices to pay, and — where the organisation allows it — how much of them; then on to the bank's checkout
/// or the transfer details. Two clicks or two tabs get the same payment.
/// </summary>
public class IndexModel(CustomerAccountService accounts, PaymentService payments, PublicLinks links,
    IStringLocalizer<SharedResource> texts) : CustomerPageModel
{
    public IReadOnlyList<OpenInvoice> Open { get; private set; } = [];

    /// <summary>The smallest part the organisation accepts; null when customers pay in full.</summary>
    public long? PartialMinimumMinor { get; private set; }

    public bool OffersPart => PartialPayment.IsOffered(PartialMinimumMinor, Open.Sum(i => i.AmountDue.MinorUnits));

    /// <summary>all, or part when the customer pays only <see cref="PartAmount"/> now.</summary>
    [BindProperty]
    public string? Amount { get; set; }

    /// <summary>As typed: "25", "25,50", "€ 25,50".</summary>
    [BindProperty]
    public string? PartAmount { get; set; }

    [BindProperty]
    public List<string> Invoices { get; set; } = [];

    /// <summary>ideal, or transfer when the customer pays from their own bank.</summary>
    [BindProperty]
    public string? Method { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Redirect("/overview");
        Invoices = Open.Select(i => i.InvoiceNumber).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Redirect("/overview");
        Invoices = Invoices.Intersect(Open.Select(i => i.InvoiceNumber)).ToList();
        if (Invoices.Count == 0) ModelState.AddModelError(nameof(Invoices), texts["Pay.ChooseInvoice"]);
        var part = Invoices.Count > 0 && OffersPart && Amount == "part" ? CheckPart() : null;
        if (!ModelState.IsValid) return Page();

        if (Method == "transfer")
            return SeeOther("/pay/transfer?" + string.Join("&", Invoices.Select(n => "invoices=" + Uri.EscapeDataString(n)))
                + (part is { } p ? "&part=" + p.ToString(CultureInfo.InvariantCulture) : ""));
        var result = await payments.StartAsync(new PaymentService.StartRequest(Scope, Invoices, "ideal", links.To(Request, "/pay/return"),
            links.To(Request, "/webhooks/mollie"), CultureInfo.CurrentUICulture.TwoLetterISOLanguageName switch { "nl" => "nl_NL", "pl" => "pl_PL", _ => "en_US" }, part), ct);
        switch (result.Outcome)
        {
            case PaymentService.StartOutcome.Redirect:
                return SeeOther(result.CheckoutUrl!);
            case PaymentService.StartOutcome.ProviderUnavailable:
                return StatusCode(StatusCodes.Status503ServiceUnavailable);
            case PaymentService.StartOutcome.PartNotAllowed:
                // The organisation changed its rules while the page was open.
                ModelState.AddModelError(nameof(PartAmount), texts["Pay.Amount.OnlyAll"]);
                return Page();
            default:
                return SeeOther("/overview");
        }
    }

    /// <summary>The part in minor units, or null with the reason in ModelState.</summary>
    private long? CheckPart()
    {
        var due = Open.Where(i => Invoices.Contains(i.InvoiceNumber)).Sum(i => i.AmountDue.MinorUnits);
        var currency = Open[0].AmountDue.Currency;
        var read = AmountInput.TryParseMinor(PartAmount, CultureInfo.CurrentCulture, out var minor);
        LocalizedString? error = read switch
        {
            AmountInput.Result.Missing => texts["Pay.Amount.Missing"],
            AmountInput.Result.Invalid => texts["Pay.Amount.Invalid"],
            _ => PartialPayment.Validate(PartialMinimumMinor, due, minor) switch
            {
                PartialPayment.Check.NotAllowed => texts["Pay.Amount.OnlyAll"],
                PartialPayment.Check.BelowMinimum => texts["Pay.Amount.TooLow", Display.Amount(Money.FromMinor(PartialMinimumMinor!.Value, currency))],
                PartialPayment.Check.NotLessThanDue => texts["Pay.Amount.TooHigh", Display.Amount(Money.FromMinor(due, currency))],
                _ => null,
            },
        };
        if (error is null) return minor;
        ModelState.AddModelError(nameof(PartAmount), error.Value);
        return null;
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var account = await accounts.GetAccountAsync(Scope, Organisation, ct);
        Open = account?.OpenInvoices ?? [];
        PartialMinimumMinor = account?.PartialPaymentMinimumMinor;
        return Open.Count > 0;
    }
}

using Microsoft.EntityFrameworkCore;
using Portal.Domain;
using Portal.Domain.Invoices;
using Portal.Domain.Payments;
using Portal.Infrastructure.Customers;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.PayLinks;
using QRCoder;
using static QRCoder.PayloadGenerator;

namespace Portal.Infrastructure.Payments;

/// <summary>What a customer needs to pay by bank transfer themselves, and the EPC ("GiroCode") QR that holds the same.</summary>
public class BankTransferService(PortalDbContext db)
{
    /// <summary>PartMinor: set when the customer chose to transfer only part of what the invoices owe.</summary>
    public record Instructions(string Iban, string AccountHolder, Money Amount, string Reference, IReadOnlyList<string> InvoiceNumbers,
        long? PartMinor = null);

    /// <summary>
    /// The reference names the invoice when one is paid, and the customer when several are, so the ERP can match
    /// the money. With <paramref name="partMinor"/> the customer transfers only that much, where the organisation
    /// allows it. Null when nothing chosen is payable, or the part is not allowed.
    /// </summary>
    public async Task<Instructions?> ForAsync(CustomerScope scope, IReadOnlyList<string> invoiceNumbers, long? partMinor = null,
        CancellationToken ct = default)
    {
        var invoices = await scope.Invoices(db).AsNoTracking().Where(InvoiceMoney.Payable)
            .Where(i => invoiceNumbers.Contains(i.InvoiceNumber))
            .OrderBy(i => i.InvoiceNumber)
            .Select(i => new { i.InvoiceNumber, i.Currency, Due = InvoiceMoney.DueMinor(i.TotalMinor, i.AmountPaidMinor) }).ToListAsync(ct);
        if (invoices.Count == 0 || invoices.Any(i => i.Currency != "EUR")) return null;
        var organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == scope.OrganisationId)
            .Select(o => new { o.Iban, o.AccountHolder, o.PartialPaymentMinimumMinor }).FirstAsync(ct);
        var due = invoices.Sum(i => i.Due);
        if (partMinor is { } part && PartialPayment.Validate(organisation.PartialPaymentMinimumMinor, due, part) != PartialPayment.Check.Ok) return null;
        var customerRef = await db.Customers.AsNoTracking().Where(c => c.Id == scope.CustomerId).Select(c => c.CustomerRef).FirstAsync(ct);
        var basis = invoices.Count == 1 ? invoices[0].InvoiceNumber : customerRef;
        var reference = CreditorReference.For(basis);
        return new Instructions(organisation.Iban, organisation.AccountHolder, Money.FromMinor(partMinor ?? due, "EUR"), reference,
            invoices.Select(i => i.InvoiceNumber).ToList(), partMinor);
    }

    /// <summary>The EPC069-12 payload (version 2, BIC optional, UTF-8), the same data as the text on the page.</summary>
    public static string EpcPayload(Instructions transfer) => Girocode(transfer).ToString();

    public static string EpcQrSvg(Instructions transfer)
    {
        using var data = QRCodeGenerator.GenerateQrCode(Girocode(transfer));
        return new SvgQRCode(data).GetGraphic(6);
    }

    /// <summary>The same EPC QR as modules, for a printed letter to draw; the caller disposes it.</summary>
    public static QRCodeData EpcQrData(Instructions transfer) => QRCodeGenerator.GenerateQrCode(Girocode(transfer));

    private static Girocode Girocode(Instructions transfer) =>
        new(transfer.Iban, null, transfer.AccountHolder, transfer.Amount.Amount, transfer.Reference,
            PayloadGenerator.Girocode.TypeOfRemittance.Structured, "", "",
            PayloadGenerator.Girocode.GirocodeVersion.Version2, PayloadGenerator.Girocode.GirocodeEncoding.UTF_8);
}

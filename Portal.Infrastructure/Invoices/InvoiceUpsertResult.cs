using Portal.Domain;
using Portal.Domain.Invoices;

namespace Portal.Infrastructure.Invoices;

/// <summary>What happened to one invoice the ERP sent. <see cref="Errors"/> is set when it was rejected as invalid.</summary>
public record InvoiceUpsertResult(UpsertOutcome Outcome, IReadOnlyList<RuleViolation> Errors, string? Conflict = null)
{
    public static InvoiceUpsertResult Invalid(IReadOnlyList<RuleViolation> errors) => new(UpsertOutcome.Rejected, errors);
    public static InvoiceUpsertResult Conflicting(string reason) => new(UpsertOutcome.Rejected, [], reason);
    public static InvoiceUpsertResult Done(UpsertOutcome outcome) => new(outcome, []);

    /// <summary>An update that was not applied: unchanged, or refused with the reason the ERP reads (PUT and batch alike).</summary>
    public static InvoiceUpsertResult NotUpdated(InvoiceUpdateOutcome outcome, string invoiceNumber, long amountPaidMinor, string currency) => outcome switch
    {
        InvoiceUpdateOutcome.Unchanged => Done(UpsertOutcome.Unchanged),
        InvoiceUpdateOutcome.RejectedBecausePaid => Conflicting($"Invoice {invoiceNumber} is paid and can no longer change."),
        InvoiceUpdateOutcome.RejectedBecauseCancelled => Conflicting($"Invoice {invoiceNumber} is cancelled and can no longer change."),
        _ => Conflicting($"Invoice {invoiceNumber} has {Money.FromMinor(amountPaidMinor, currency).ToInvariantString()} {currency} paid; the new total or currency does not allow that."),
    };
}

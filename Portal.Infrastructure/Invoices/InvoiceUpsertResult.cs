using Portal.Domain.Invoices;

namespace Portal.Infrastructure.Invoices;

/// <summary>What happened to one invoice the ERP sent. <see cref="Errors"/> is set when it was rejected as invalid.</summary>
public record InvoiceUpsertResult(UpsertOutcome Outcome, IReadOnlyList<RuleViolation> Errors, string? Conflict = null)
{
    public static InvoiceUpsertResult Invalid(IReadOnlyList<RuleViolation> errors) => new(UpsertOutcome.Rejected, errors);
    public static InvoiceUpsertResult Conflicting(string reason) => new(UpsertOutcome.Rejected, [], reason);
    public static InvoiceUpsertResult Done(UpsertOutcome outcome) => new(outcome, []);
}

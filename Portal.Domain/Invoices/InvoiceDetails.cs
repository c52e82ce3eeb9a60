namespace Portal.Domain.Invoices;

/// <summary>What the ERP says an invoice is; the input to create or update one. Amounts in minor units.</summary>
public record InvoiceDetails(
    long CustomerId,
    DateOnly IssueDate,
    DateOnly DueDate,
    string Currency,
    long TotalMinor,
    IReadOnlyList<InvoiceLineDetails> Lines,
    string? Description)
{
    public virtual bool Equals(InvoiceDetails? other) =>
        other is not null && CustomerId == other.CustomerId && IssueDate == other.IssueDate &&
        DueDate == other.DueDate && Currency == other.Currency && TotalMinor == other.TotalMinor &&
        Description == other.Description && Lines.SequenceEqual(other.Lines);

    public override int GetHashCode() => HashCode.Combine(CustomerId, IssueDate, DueDate, Currency, TotalMinor, Lines.Count);
}

public record InvoiceLineDetails(string Description, long AmountMinor, decimal? Quantity, long? UnitPriceMinor, decimal? VatRate);

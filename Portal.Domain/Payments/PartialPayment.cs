namespace Portal.Domain.Payments;

/// <summary>
/// Paying part of what was chosen, where the organisation allows it: at least its minimum, and less than the whole
/// (the whole is simply paying everything). The part goes to the invoice that was due first, then the next.
/// </summary>
public static class PartialPayment
{
    public enum Check { Ok, NotAllowed, BelowMinimum, NotLessThanDue }

    /// <summary>A part is worth offering only when something between the minimum and the whole is left to choose.</summary>
    public static bool IsOffered(long? minimumMinor, long dueMinor) => minimumMinor is { } minimum && dueMinor > minimum;

    public static Check Validate(long? minimumMinor, long dueMinor, long amountMinor)
    {
        if (!IsOffered(minimumMinor, dueMinor)) return Check.NotAllowed;
        if (amountMinor < minimumMinor) return Check.BelowMinimum;
        return amountMinor >= dueMinor ? Check.NotLessThanDue : Check.Ok;
    }

    public record DueInvoice(long InvoiceId, DateOnly DueDate, string InvoiceNumber, long DueMinor);

    /// <summary>Splits <paramref name="amountMinor"/> over the invoices, the earliest due date first.</summary>
    public static IReadOnlyList<(long InvoiceId, long AmountMinor)> Allocate(IEnumerable<DueInvoice> invoices, long amountMinor)
    {
        var left = amountMinor;
        var allocations = new List<(long, long)>();
        foreach (var invoice in invoices.OrderBy(i => i.DueDate).ThenBy(i => i.InvoiceNumber, StringComparer.Ordinal))
        {
            if (left <= 0) break;
            var part = Math.Min(left, invoice.DueMinor);
            if (part <= 0) continue;
            allocations.Add((invoice.InvoiceId, part));
            left -= part;
        }
        if (left > 0) throw new ArgumentOutOfRangeException(nameof(amountMinor), "The amount is more than the invoices owe.");
        return allocations;
    }
}

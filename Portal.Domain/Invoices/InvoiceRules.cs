namespace Portal.Domain.Invoices;

/// <summary>The business rules an invoice must meet, whoever sends it. Field names match the API's.</summary>
public static class InvoiceRules
{
    public const int MaxLines = 500;

    public static IReadOnlyList<RuleViolation> Check(InvoiceDetails details)
    {
        var errors = new List<RuleViolation>();
        if (!Portal.Domain.Currency.IsKnown(details.Currency))
            errors.Add(new("currency", $"'{details.Currency}' is not a currency Portal accepts (ISO 4217, such as EUR)."));
        if (details.DueDate < details.IssueDate)
            errors.Add(new("dueDate", "The due date is before the issue date."));
        if (details.TotalMinor < 0)
            errors.Add(new("totalAmount", "The total amount cannot be negative."));
        // An invoice of 0 would be paid the moment it exists; there is nothing for the customer to do. Cancel it instead.
        else if (details.TotalMinor == 0)
            errors.Add(new("totalAmount", "The total amount is more than 0; Portal has nothing to collect on an invoice of 0. Cancel it instead."));
        if (details.Lines.Count == 0)
            errors.Add(new("lines", "An invoice needs at least one line."));
        if (details.Lines.Count > MaxLines)
            errors.Add(new("lines", $"An invoice has at most {MaxLines} lines."));
        for (var i = 0; i < details.Lines.Count; i++)
        {
            if (details.Lines[i].AmountMinor < 0)
                errors.Add(new($"lines[{i}].amount", "A line amount cannot be negative."));
        }
        var sum = details.Lines.Sum(l => l.AmountMinor);
        if (details.Lines.Count > 0 && sum != details.TotalMinor)
            errors.Add(new("totalAmount", $"The total amount {Format(details.TotalMinor, details.Currency)} does not equal the sum of the line amounts, {Format(sum, details.Currency)}."));
        return errors;
    }

    private static string Format(long minor, string currency) =>
        Portal.Domain.Currency.IsKnown(currency) ? Money.FromMinor(minor, currency).ToInvariantString() : minor.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

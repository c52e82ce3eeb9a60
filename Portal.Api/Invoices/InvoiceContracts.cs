using Portal.Api.Http;
using Portal.Domain.Invoices;
using Portal.Infrastructure.Invoices;

namespace Portal.Api.Invoices;

/// <summary>PUT /api/v1/invoices/{invoiceNumber}. Amounts are JSON numbers in major units (125.50).</summary>
public record InvoiceRequest(
    string? CustomerRef,
    DateOnly? IssueDate,
    DateOnly? DueDate,
    string? Currency,
    decimal? TotalAmount,
    IReadOnlyList<InvoiceLineDto?>? Lines,
    string? Description)
{
    /// <summary>
    /// This request's checks, each broken one added to <paramref name="errors"/> by its JSON field; the invoice in
    /// minor units of its currency, or null when any failed. Whether the lines add up is the domain's rule, checked later.
    /// </summary>
    public InvoiceInput? ToInput(string invoiceNumber, List<RuleViolation> errors)
    {
        var before = errors.Count;
        if (CustomerRef is null) errors.Add(new("customerRef", "'customerRef' is required."));
        else if (!RequestMapping.IsValidKey(CustomerRef)) errors.Add(new("customerRef", RequestMapping.KeyRule("customerRef")));
        if (IssueDate is null) errors.Add(new("issueDate", "'issueDate' is required, as \"yyyy-MM-dd\"."));
        if (DueDate is null) errors.Add(new("dueDate", "'dueDate' is required, as \"yyyy-MM-dd\"."));
        if (string.IsNullOrEmpty(Currency)) errors.Add(new("currency", "'currency' is required, as an ISO 4217 code such as EUR."));
        else if (!Portal.Domain.Currency.IsKnown(Currency)) errors.Add(new("currency", $"'{Currency}' is not a currency Portal accepts (ISO 4217, such as EUR)."));
        if (Description is { Length: > 500 }) errors.Add(new("description", "'description' is at most 500 characters."));
        RequestMapping.FreeText(Description, "description", errors);
        var digits = Portal.Domain.Currency.IsKnown(Currency) ? Portal.Domain.Currency.DigitsOf(Currency!) : 2;
        var total = RequestMapping.Minor(TotalAmount, "totalAmount", digits, errors, required: true);
        var lineDetails = new List<InvoiceLineDetails>();
        if (Lines is null || Lines.Count == 0) errors.Add(new("lines", "'lines' needs at least one line."));
        else if (Lines.Count > InvoiceRules.MaxLines) errors.Add(new("lines", $"An invoice has at most {InvoiceRules.MaxLines} lines."));
        else
        {
            for (var i = 0; i < Lines.Count; i++)
            {
                var field = $"lines[{i}]";
                if (Lines[i] is not { } line) errors.Add(new(field, $"'{field}' is empty."));
                else lineDetails.Add(line.ToDetails(field, digits, errors));
            }
        }
        if (errors.Count > before) return null;
        return new InvoiceInput(invoiceNumber, CustomerRef!, IssueDate!.Value, DueDate!.Value, Currency!, total!.Value, lineDetails, Description);
    }
}

public record InvoiceLineDto(string? Description, decimal? Amount, decimal? Quantity, decimal? UnitPrice, decimal? VatRate)
{
    /// <summary>This line's checks, its broken ones named under <paramref name="field"/> (lines[2].amount); amounts in <paramref name="digits"/> decimals.</summary>
    public InvoiceLineDetails ToDetails(string field, int digits, List<RuleViolation> errors)
    {
        if (string.IsNullOrWhiteSpace(Description)) errors.Add(new($"{field}.description", $"'{field}.description' is required."));
        else if (Description.Length > 500) errors.Add(new($"{field}.description", $"'{field}.description' is at most 500 characters."));
        else RequestMapping.FreeText(Description, $"{field}.description", errors);
        var amount = RequestMapping.Minor(Amount, $"{field}.amount", digits, errors, required: true);
        var unitPrice = RequestMapping.Minor(UnitPrice, $"{field}.unitPrice", digits, errors, required: false);
        // The columns hold 4 and 2 decimals: more would be rounded on PostgreSQL, so the same PUT would change the invoice every time.
        if (Quantity is < 0 or > 1_000_000 || Quantity is { } q && decimal.Round(q, 4) != q)
            errors.Add(new($"{field}.quantity", $"'{field}.quantity' is between 0 and 1,000,000, with at most 4 decimals."));
        if (VatRate is < 0 or > 100 || VatRate is { } v && decimal.Round(v, 2) != v)
            errors.Add(new($"{field}.vatRate", $"'{field}.vatRate' is a percentage between 0 and 100, with at most 2 decimals."));
        return new InvoiceLineDetails(Description ?? "", amount ?? 0, Quantity, unitPrice, VatRate);
    }
}

public record InvoiceResponse(
    string InvoiceNumber,
    string CustomerRef,
    string Status,
    decimal TotalAmount,
    decimal AmountPaid,
    decimal AmountDue,
    string Currency,
    DateOnly IssueDate,
    DateOnly DueDate,
    string? Description,
    IReadOnlyList<InvoiceLineResponse> Lines,
    DateTime ChangedAt,
    IReadOnlyList<InvoicePaymentResponse>? Payments = null,
    InvoicePause? Pause = null);

/// <summary>
/// Why Portal holds reminders and collection for the invoice, so your own dunning can hold too: reason arrangement (a
/// payment plan runs or waits for your answer); until: the last day of the pause, null while the reason lasts.
/// </summary>
public record InvoicePause(string Reason, DateOnly? Until);

/// <summary>A payment covering this invoice; amount is the part allocated to it. status: open, pending, paid, failed, canceled, expired.</summary>
public record InvoicePaymentResponse(Guid Id, string Method, string Status, decimal Amount, DateTime CreatedAt, DateTime? PaidAt);

public record InvoiceLineResponse(string Description, decimal Amount, decimal? Quantity, decimal? UnitPrice, decimal? VatRate);

/// <summary>A page of invoices; pass <c>nextCursor</c> as <c>cursor</c> for the next page. Null when there is none.</summary>
public record InvoicePage(IReadOnlyList<InvoiceResponse> Items, string? NextCursor);

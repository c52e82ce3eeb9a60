using Portal.Api.Customers;
using Portal.Api.Invoices;
using Portal.Domain;
using Portal.Domain.Customers;
using Portal.Domain.Invoices;
using Portal.Infrastructure.Invoices;

namespace Portal.Api.Http;

/// <summary>Turns request contracts into service inputs, collecting every missing or malformed field by name.</summary>
public static class RequestMapping
{
    private const decimal MaxAmount = 1_000_000_000m;
    private static readonly string[] Languages = ["nl", "en", "de", "fr", "tr", "pl", "ar"];

    public static bool IsValidKey(string? key) =>
        !string.IsNullOrWhiteSpace(key) && key.Length <= 100 && key.Trim() == key && FieldRules.IsOneLine(key) && !HasUndecodedByte(key);

    public static string KeyRule(string field) =>
        $"'{field}' is 1 to 100 characters, without control characters, leading or trailing spaces, or a leftover of invalid UTF-8 percent-encoding such as %C3.";

    /// <summary>
    /// A percent-encoded byte from 80 to FF left in a decoded URL: ASP.NET Core leaves sequences that are not UTF-8
    /// (/invoices/%C3%28) encoded instead of refusing them, so "%C3(" would be stored as the number. A key holding it is
    /// refused wherever it comes from, so that every stored key can also be read back through a URL.
    /// </summary>
    private static bool HasUndecodedByte(string key)
    {
        for (var i = 0; i + 2 < key.Length; i++)
        {
            if (key[i] == '%' && key[i + 1] is (>= '8' and <= '9') or (>= 'A' and <= 'F') or (>= 'a' and <= 'f') && char.IsAsciiHexDigit(key[i + 2]))
                return true;
        }
        return false;
    }

    public static CustomerDetails? ToDetails(CustomerRequest? request, List<RuleViolation> errors) =>
        request is null ? Required<CustomerDetails>(errors, "body") : ToDetails(request.Name, request.Email, request.Phone, request.Language, request.Address, errors);

    public static CustomerDetails? ToDetails(string? name, string? email, string? phone, string? language, AddressDto? address,
        List<RuleViolation> errors)
    {
        var before = errors.Count;
        if (string.IsNullOrWhiteSpace(name)) errors.Add(new("name", "'name' is required."));
        else if (name.Length > 200) errors.Add(new("name", "'name' is at most 200 characters."));
        else OneLine(name, "name", errors);
        if (email is not null && !FieldRules.IsEmail(email))
            errors.Add(new("email", $"'email' is one address such as name@example.com: one @, a dot in the domain, no spaces or control characters, at most {FieldRules.MaxEmail} characters."));
        string? e164 = null;
        if (phone is not null && (phone.Length > 40 || !FieldRules.IsOneLine(phone) || (e164 = FieldRules.ToE164Phone(phone)) is null))
            errors.Add(new("phone", "'phone' is a phone number that can be called, such as 020 765 43 21 or +31 20 765 43 21 (at most 40 characters; without a country code it is Dutch)."));
        if (language is not null && !Languages.Contains(language.ToLowerInvariant()))
            errors.Add(new("language", $"'language' is one of {string.Join(", ", Languages)}."));
        if (address is not null)
        {
            if (string.IsNullOrWhiteSpace(address.Line1)) errors.Add(new("address.line1", "'address.line1' is required when an address is sent."));
            if (string.IsNullOrWhiteSpace(address.PostalCode)) errors.Add(new("address.postalCode", "'address.postalCode' is required when an address is sent."));
            if (string.IsNullOrWhiteSpace(address.City)) errors.Add(new("address.city", "'address.city' is required when an address is sent."));
            if (address.Country is null || address.Country.Length != 2 || !address.Country.All(char.IsAsciiLetter))
                errors.Add(new("address.country", "'address.country' is a two-letter ISO 3166 code, such as NL."));
            if ((address.Line1?.Length ?? 0) > 200 || (address.Line2?.Length ?? 0) > 200 || (address.PostalCode?.Length ?? 0) > 20 || (address.City?.Length ?? 0) > 100)
                errors.Add(new("address", "Address lines are at most 200 characters, the postal code 20 and the city 100."));
            OneLine(address.Line1, "address.line1", errors);
            OneLine(address.Line2, "address.line2", errors);
            OneLine(address.PostalCode, "address.postalCode", errors);
            OneLine(address.City, "address.city", errors);
        }
        if (errors.Count > before) return null;
        return new CustomerDetails(name!.Trim(), email, e164, language?.ToLowerInvariant(),
            address is null ? null : new Address(address.Line1!, address.Line2, address.PostalCode!, address.City!, address.Country!.ToUpperInvariant()));
    }

    public static InvoiceInput? ToInput(string invoiceNumber, InvoiceRequest? r, List<RuleViolation> errors) =>
        r is null ? Required<InvoiceInput>(errors, "body") : ToInput(invoiceNumber, r.CustomerRef, r.IssueDate, r.DueDate, r.Currency, r.TotalAmount, r.Lines, r.Description, errors);

    public static InvoiceInput? ToInput(string invoiceNumber, string? customerRef, DateOnly? issueDate, DateOnly? dueDate, string? currency,
        decimal? totalAmount, IReadOnlyList<InvoiceLineDto?>? lines, string? description, List<RuleViolation> errors)
    {
        var before = errors.Count;
        if (customerRef is null) errors.Add(new("customerRef", "'customerRef' is required."));
        else if (!IsValidKey(customerRef)) errors.Add(new("customerRef", KeyRule("customerRef")));
        if (issueDate is null) errors.Add(new("issueDate", "'issueDate' is required, as \"yyyy-MM-dd\"."));
        if (dueDate is null) errors.Add(new("dueDate", "'dueDate' is required, as \"yyyy-MM-dd\"."));
        if (string.IsNullOrEmpty(currency)) errors.Add(new("currency", "'currency' is required, as an ISO 4217 code such as EUR."));
        else if (!Currency.IsKnown(currency)) errors.Add(new("currency", $"'{currency}' is not a currency Portal accepts (ISO 4217, such as EUR)."));
        if (description is { Length: > 500 }) errors.Add(new("description", "'description' is at most 500 characters."));
        FreeText(description, "description", errors);
        var digits = Currency.IsKnown(currency) ? Currency.DigitsOf(currency!) : 2;
        var total = Minor(totalAmount, "totalAmount", digits, errors, required: true);
        var lineDetails = new List<InvoiceLineDetails>();
        if (lines is null || lines.Count == 0) errors.Add(new("lines", "'lines' needs at least one line."));
        else if (lines.Count > InvoiceRules.MaxLines) errors.Add(new("lines", $"An invoice has at most {InvoiceRules.MaxLines} lines."));
        else
        {
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines[i];
                var field = $"lines[{i}]";
                if (line is null) { errors.Add(new(field, $"'{field}' is empty.")); continue; }
                if (string.IsNullOrWhiteSpace(line.Description)) errors.Add(new($"{field}.description", $"'{field}.description' is required."));
                else if (line.Description.Length > 500) errors.Add(new($"{field}.description", $"'{field}.description' is at most 500 characters."));
                else FreeText(line.Description, $"{field}.description", errors);
                var amount = Minor(line.Amount, $"{field}.amount", digits, errors, required: true);
                var unitPrice = Minor(line.UnitPrice, $"{field}.unitPrice", digits, errors, required: false);
                // The columns hold 4 and 2 decimals: more would be rounded on PostgreSQL, so the same PUT would change the invoice every time.
                if (line.Quantity is < 0 or > 1_000_000 || line.Quantity is { } q && decimal.Round(q, 4) != q)
                    errors.Add(new($"{field}.quantity", $"'{field}.quantity' is between 0 and 1,000,000, with at most 4 decimals."));
                if (line.VatRate is < 0 or > 100 || line.VatRate is { } v && decimal.Round(v, 2) != v)
                    errors.Add(new($"{field}.vatRate", $"'{field}.vatRate' is a percentage between 0 and 100, with at most 2 decimals."));
                lineDetails.Add(new InvoiceLineDetails(line.Description ?? "", amount ?? 0, line.Quantity, unitPrice, line.VatRate));
            }
        }
        if (errors.Count > before) return null;
        return new InvoiceInput(invoiceNumber, customerRef!, issueDate!.Value, dueDate!.Value, currency!, total!.Value, lineDetails, description);
    }

    public static long? Minor(decimal? amount, string field, int digits, List<RuleViolation> errors, bool required)
    {
        if (amount is null)
        {
            if (required) errors.Add(new(field, $"'{field}' is required, as a JSON number such as 125.50."));
            return null;
        }
        if (amount < 0) { errors.Add(new(field, $"'{field}' cannot be negative.")); return null; }
        if (amount > MaxAmount) { errors.Add(new(field, $"'{field}' is at most 1,000,000,000.")); return null; }
        if (decimal.Round(amount.Value, digits) != amount)
        {
            errors.Add(new(field, digits == 0 ? $"'{field}' has no decimals in this currency." : $"'{field}' has at most {digits} decimals."));
            return null;
        }
        return (long)(amount.Value * (decimal)Math.Pow(10, digits));
    }

    private static void OneLine(string? value, string field, List<RuleViolation> errors)
    {
        if (value is not null && !FieldRules.IsOneLine(value))
            errors.Add(new(field, $"'{field}' is one line of text, without control characters such as tabs, line breaks or U+0000."));
    }

    private static void FreeText(string? value, string field, List<RuleViolation> errors)
    {
        if (value is not null && !FieldRules.IsFreeText(value))
            errors.Add(new(field, $"'{field}' may hold line breaks and tabs, but no other control characters such as U+0000."));
    }

    private static T? Required<T>(List<RuleViolation> errors, string field) where T : class
    {
        errors.Add(new(field, "The body is required."));
        return null;
    }

    /// <summary>Minor units back to a JSON number with the currency's scale (125.50).</summary>
    public static decimal Major(long minor, string currency) => Money.FromMinor(minor, currency).Amount;
}

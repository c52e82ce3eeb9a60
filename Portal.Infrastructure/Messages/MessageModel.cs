using System.Globalization;
using System.Net;
using Portal.Domain;
using Portal.Domain.Language;
using Scriban.Runtime;

namespace Portal.Infrastructure.Messages;

/// <summary>
/// Everything a template may use, already written for the message's language: the customer's name, amounts and dates
/// formatted, the pay link, the organisation. Templates see these names and nothing else (docs/api.md lists them).
/// </summary>
public sealed record MessageModel(
    string CustomerName,
    string OrganisationName,
    string OrganisationPhone,
    string? PayLink,
    string Amount,
    string? DueDate,
    IReadOnlyList<MessageModel.Invoice> Invoices,
    bool Overdue = false,
    string? Code = null,
    int CodeMinutes = 10,
    MessageModel.AfterSalesBlock? AfterSales = null,
    string? Date = null,
    string? Time = null,
    string? Schedule = null,
    string? CreditorId = null,
    string? MandateReference = null,
    string? Reason = null,
    string? PlanLink = null)
{
    public sealed record Invoice(string Number, string Amount, string DueDate, string Description);

    /// <summary>The organisation's optional words after a payment: a short text and one link.</summary>
    public sealed record AfterSalesBlock(string Text, string? Link);

    /// <summary>Every variable name a template can use, as written in a template.</summary>
    public static IReadOnlyList<string> VariableNames { get; } =
    [
        "customer.name", "organisation.name", "organisation.phone", "pay_link", "amount", "due_date", "overdue", "invoice_count",
        "invoices (number, amount, due_date, description)", "code", "code_minutes", "after_sales (text, link)", "date", "time", "schedule",
        "creditor_id", "mandate_reference", "reason", "plan_link",
    ];

    /// <summary>The model as Scriban globals. For an HTML part every text is HTML-encoded, so a name cannot add markup.</summary>
    public ScriptObject ToScriptObject(bool htmlEncode)
    {
        string? E(string? text) => text is null || !htmlEncode ? text : WebUtility.HtmlEncode(text);
        var globals = new ScriptObject
        {
            ["customer"] = new ScriptObject { ["name"] = E(CustomerName) },
            ["organisation"] = new ScriptObject { ["name"] = E(OrganisationName), ["phone"] = E(OrganisationPhone) },
            ["pay_link"] = E(PayLink),
            ["amount"] = E(Amount),
            ["due_date"] = E(DueDate),
            ["overdue"] = Overdue,
            ["invoice_count"] = Invoices.Count,
            ["code"] = E(Code),
            ["code_minutes"] = CodeMinutes,
            ["after_sales"] = AfterSales is null ? null : new ScriptObject { ["text"] = E(AfterSales.Text), ["link"] = E(AfterSales.Link) },
            ["date"] = E(Date),
            ["time"] = E(Time),
            ["schedule"] = E(Schedule),
            ["creditor_id"] = E(CreditorId),
            ["mandate_reference"] = E(MandateReference),
            ["reason"] = E(Reason),
            ["plan_link"] = E(PlanLink),
        };
        var invoices = new ScriptArray();
        foreach (var invoice in Invoices)
            invoices.Add(new ScriptObject
            {
                ["number"] = E(invoice.Number), ["amount"] = E(invoice.Amount), ["due_date"] = E(invoice.DueDate), ["description"] = E(invoice.Description),
            });
        globals["invoices"] = invoices;
        return globals;
    }

    /// <summary>The customer a preview shows, and the one a template is tried on before it is stored, in the template's language.</summary>
    public static MessageModel Sample(string organisationName, string organisationPhone, string baseUrl, CultureInfo culture)
    {
        var amount = LocalFormats.Amount(new Money(125.50m, "EUR"), culture);
        var half = LocalFormats.Amount(new Money(62.75m, "EUR"), culture);
        var first = new DateOnly(2027, 1, 15);
        var date = LocalFormats.Date(first, culture);
        return new MessageModel("Sanne de Vries", organisationName, organisationPhone, baseUrl.TrimEnd('/') + "/p/voorbeeld", amount, date,
            [new("2026-0088", amount, date, "Water")],
            Code: "123456", AfterSales: new("Wist u dat u uw meterstand ook online kunt doorgeven?", "https://example.org/meterstand"),
            Date: date, Time: "10:00-10:30",
            Schedule: $"{date}: {half}\n{LocalFormats.Date(first.AddMonths(1), culture)}: {half}",
            CreditorId: "NL57ZZZ999999999999", MandateReference: "PORTAL-1-1001-1",
            Reason: "Wij kunnen u 5 delen aanbieden.", PlanLink: baseUrl.TrimEnd('/') + "/p/voorbeeld?to=plan");
    }
}

namespace Portal.E2E.Infrastructure;

/// <summary>A customer of its own for one test that pays, with open invoices and a working pay link.</summary>
public sealed record PayingCustomer(string CustomerRef, string PayLinkToken, IReadOnlyList<(string Number, long AmountMinor)> Invoices)
{
    public string PayLinkPath => "/p/" + PayLinkToken;
    public long TotalMinor => Invoices.Sum(i => i.AmountMinor);
    public IReadOnlyList<string> InvoiceNumbers => Invoices.Select(i => i.Number).ToList();
}

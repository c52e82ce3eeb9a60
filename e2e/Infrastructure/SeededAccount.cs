namespace Portal.E2E.Infrastructure;

/// <summary>What <see cref="TestData"/> put in the database, for the tests to open and assert on.</summary>
public sealed record SeededAccount(
    long OrganisationId,
    string OrganisationName,
    string CustomerName,
    string PayLinkToken,
    string RevokedPayLinkToken,
    string FirstInvoiceNumber,
    string SecondInvoiceNumber,
    long TotalDueMinor,
    DateOnly PayBefore,
    IReadOnlyList<(string Description, long AmountMinor)> FirstInvoiceLines,
    string ApiKey)
{
    public string PayLinkPath => "/p/" + PayLinkToken;
    public string RevokedPayLinkPath => "/p/" + RevokedPayLinkToken;
    public long FirstInvoiceTotalMinor => FirstInvoiceLines.Sum(l => l.AmountMinor);
}

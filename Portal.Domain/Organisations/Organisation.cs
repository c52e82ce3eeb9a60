namespace Portal.Domain.Organisations;

/// <summary>The company whose invoices these are: the tenant.</summary>
public class Organisation
{
    private Organisation() { }

    public Organisation(string name, string brandColour, string iban, string accountHolder, string phone, DateTime nowUtc)
    {
        Name = name;
        BrandColour = BrandColours.Normalise(brandColour);
        Iban = iban;
        AccountHolder = accountHolder;
        Phone = phone;
        Languages = "nl,en";
        CreatedAtUtc = nowUtc;
    }

    public long Id { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>Brand colour as #RRGGBB.</summary>
    public string BrandColour { get; private set; } = "#1F4E79";
    public byte[]? Logo { get; private set; }
    public string? LogoContentType { get; private set; }
    /// <summary>Comma-separated language codes the organisation offers, the first being its default.</summary>
    public string Languages { get; private set; } = "nl,en";
    public string Iban { get; private set; } = "";
    public string AccountHolder { get; private set; } = "";
    public string Phone { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }
    /// <summary>
    /// Null: customers pay invoices in full. Otherwise customers may pay part of what they chose, at least this much
    /// (in minor units of the invoice's currency).
    /// </summary>
    public long? PartialPaymentMinimumMinor { get; private set; }

    /// <summary>
    /// Money that arrives for an invoice that no longer needs it is refunded through the provider when true; when
    /// false it is kept as a credit on the customer for the organisation to settle. Either way the ERP is told.
    /// </summary>
    public bool RefundOverpayments { get; private set; }

    public void SetRefundOverpayments(bool refund) => RefundOverpayments = refund;

    public IReadOnlyList<string> LanguageList => Languages.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public void SetLogo(byte[] logo, string contentType)
    {
        if (contentType is not ("image/svg+xml" or "image/png"))
            throw new ArgumentException("A logo is SVG or PNG.", nameof(contentType));
        Logo = logo;
        LogoContentType = contentType;
    }

    /// <summary>Lets customers pay part of what they owe, from <paramref name="minimumMinor"/> up; null stops it.</summary>
    public void SetPartialPayments(long? minimumMinor)
    {
        if (minimumMinor is <= 0) throw new ArgumentOutOfRangeException(nameof(minimumMinor), "The minimum part is more than zero.");
        PartialPaymentMinimumMinor = minimumMinor;
    }

    public void SetLanguages(IEnumerable<string> languages) => Languages = string.Join(',', languages);
}

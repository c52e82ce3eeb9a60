namespace Portal.Domain;

/// <summary>An amount in one currency. Stored as integer minor units; arithmetic across currencies is a bug.</summary>
public readonly record struct Money : IComparable<Money>
{
    public Money(decimal amount, string currency)
    {
        if (!Portal.Domain.Currency.IsKnown(currency)) throw new ArgumentException($"Unknown currency '{currency}'.", nameof(currency));
        var digits = Portal.Domain.Currency.DigitsOf(currency);
        if (decimal.Round(amount, digits) != amount)
            throw new ArgumentException($"{currency} amounts have at most {digits} decimals.", nameof(amount));
        Amount = amount;
        Currency = currency;
    }

    public decimal Amount { get; }
    public string Currency { get; }

    public long MinorUnits => (long)(Amount * Factor(Currency));

    /// <summary>Keeps the currency's scale, so 12550 EUR minor units is 125.50, not 125.5.</summary>
    public static Money FromMinor(long minorUnits, string currency) =>
        new(minorUnits * new decimal(1, 0, 0, false, (byte)Portal.Domain.Currency.DigitsOf(currency)), currency);

    public static Money Zero(string currency) => new(0m, currency);

    /// <summary>True when <paramref name="amount"/> fits the currency's minor units exactly.</summary>
    public static bool HasValidPrecision(decimal amount, string currency) =>
        decimal.Round(amount, Portal.Domain.Currency.DigitsOf(currency)) == amount;

    public bool IsZero => Amount == 0m;
    public bool IsNegative => Amount < 0m;

    public static Money operator +(Money a, Money b) => new(a.Amount + b.Amount, SameCurrency(a, b));
    public static Money operator -(Money a, Money b) => new(a.Amount - b.Amount, SameCurrency(a, b));
    public static bool operator >(Money a, Money b) => a.CompareTo(b) > 0;
    public static bool operator <(Money a, Money b) => a.CompareTo(b) < 0;
    public static bool operator >=(Money a, Money b) => a.CompareTo(b) >= 0;
    public static bool operator <=(Money a, Money b) => a.CompareTo(b) <= 0;

    public int CompareTo(Money other)
    {
        SameCurrency(this, other);
        return Amount.CompareTo(other.Amount);
    }

    /// <summary>"125.50": the invariant form payment providers and the API use.</summary>
    public string ToInvariantString() =>
        Amount.ToString("F" + Portal.Domain.Currency.DigitsOf(Currency), System.Globalization.CultureInfo.InvariantCulture);

    public override string ToString() => $"{Currency} {ToInvariantString()}";

    private static decimal Factor(string currency) => (decimal)Math.Pow(10, Portal.Domain.Currency.DigitsOf(currency));

    private static string SameCurrency(Money a, Money b) =>
        a.Currency == b.Currency
            ? a.Currency
            : throw new InvalidOperationException($"Cannot combine {a.Currency} and {b.Currency}.");
}

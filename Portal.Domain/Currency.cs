namespace Portal.Domain;

/// <summary>ISO 4217 currencies Portal accepts, with the number of minor-unit digits each uses.</summary>
public static class Currency
{
    private static readonly Dictionary<string, int> MinorDigits = new(StringComparer.Ordinal)
    {
        ["EUR"] = 2, ["USD"] = 2, ["GBP"] = 2, ["CHF"] = 2, ["SEK"] = 2, ["DKK"] = 2, ["NOK"] = 2,
        ["PLN"] = 2, ["CZK"] = 2, ["HUF"] = 2, ["RON"] = 2, ["BGN"] = 2, ["AUD"] = 2, ["CAD"] = 2,
        ["NZD"] = 2, ["HKD"] = 2, ["SGD"] = 2, ["ZAR"] = 2, ["MXN"] = 2, ["BRL"] = 2, ["TRY"] = 2,
        ["ILS"] = 2, ["PHP"] = 2, ["MYR"] = 2, ["THB"] = 2, ["TWD"] = 2, ["ISK"] = 0, ["JPY"] = 0,
    };

    public static bool IsKnown(string? code) => code is not null && MinorDigits.ContainsKey(code);

    public static int DigitsOf(string code) =>
        MinorDigits.TryGetValue(code, out var digits)
            ? digits
            : throw new ArgumentException($"Unknown currency '{code}'.", nameof(code));

    public static IReadOnlyCollection<string> All => MinorDigits.Keys;
}

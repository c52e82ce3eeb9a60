using Portal.Domain;
using Shouldly;

namespace Portal.Tests.Domain;

public class MoneyTests
{
    [Fact]
    public void FromMinor_Euros_KeepsTwoDecimals()
    {
        var money = Money.FromMinor(12550, "EUR");
        money.Amount.ShouldBe(125.50m);
        money.ToInvariantString().ShouldBe("125.50");
        money.MinorUnits.ShouldBe(12550);
    }

    [Fact]
    public void FromMinor_Yen_HasNoDecimals() => Money.FromMinor(1250, "JPY").ToInvariantString().ShouldBe("1250");

    [Fact]
    public void Add_DifferentCurrencies_Throws() =>
        Should.Throw<InvalidOperationException>(() => new Money(1m, "EUR") + new Money(1m, "USD"));

    [Fact]
    public void Create_MoreDecimalsThanCurrencyHas_Throws() =>
        Should.Throw<ArgumentException>(() => new Money(1.005m, "EUR"));

    [Fact]
    public void Create_UnknownCurrency_Throws() => Should.Throw<ArgumentException>(() => new Money(1m, "XXX"));

    [Fact]
    public void Compare_SameCurrency_ComparesAmounts()
    {
        (new Money(2m, "EUR") > new Money(1.99m, "EUR")).ShouldBeTrue();
        (new Money(1m, "EUR") + new Money(0.5m, "EUR")).ShouldBe(new Money(1.5m, "EUR"));
    }
}

using Portal.Domain.Payments;
using Shouldly;

namespace Portal.Tests.Domain;

public class PartialPaymentRuleTests
{
    private static readonly PartialPayment.DueInvoice Later = new(2, new DateOnly(2026, 12, 15), "F-2", 4000);
    private static readonly PartialPayment.DueInvoice Earlier = new(1, new DateOnly(2026, 12, 1), "F-1", 12550);

    [Fact]
    public void APart_GoesToTheInvoiceDueFirst_ThenTheNext()
    {
        PartialPayment.Allocate([Later, Earlier], 13025).ShouldBe([(1L, 12550L), (2L, 475L)]);
        PartialPayment.Allocate([Later, Earlier], 5000).ShouldBe([(1L, 5000L)]);
    }

    [Fact]
    public void SameDueDate_TheInvoiceNumberDecides() =>
        PartialPayment.Allocate([Later with { DueDate = Earlier.DueDate, InvoiceNumber = "F-0" }, Earlier], 100)
            .ShouldBe([(2L, 100L)]);

    [Fact]
    public void MoreThanOwed_CannotBeAllocated() =>
        Should.Throw<ArgumentOutOfRangeException>(() => PartialPayment.Allocate([Earlier], 12551));

    [Theory]
    [InlineData(null, 16550, 5000, PartialPayment.Check.NotAllowed)]
    [InlineData(1000L, 16550, 999, PartialPayment.Check.BelowMinimum)]
    [InlineData(1000L, 16550, 1000, PartialPayment.Check.Ok)]
    [InlineData(1000L, 16550, 16549, PartialPayment.Check.Ok)]
    [InlineData(1000L, 16550, 16550, PartialPayment.Check.NotLessThanDue)]
    [InlineData(5000L, 4000, 3000, PartialPayment.Check.NotAllowed)]
    [InlineData(4000L, 4000, 4000, PartialPayment.Check.NotAllowed)]
    public void Validate_FromTheMinimum_BelowTheWhole(long? minimum, long due, long amount, PartialPayment.Check expected) =>
        PartialPayment.Validate(minimum, due, amount).ShouldBe(expected);
}

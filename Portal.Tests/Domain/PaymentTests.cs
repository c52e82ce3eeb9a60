using Portal.Domain.Payments;
using Shouldly;

namespace Portal.Tests.Domain;

public class PaymentTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 9, 0, 0, DateTimeKind.Utc);

    private static Payment NewPayment() => new(1, 1, "ideal", "EUR", [(10, 12550), (11, 4000)], Now);

    [Fact]
    public void New_SumsItsAllocations_AndIsOpen()
    {
        var payment = NewPayment();
        payment.AmountMinor.ShouldBe(16550);
        payment.Status.ShouldBe(PaymentStatus.Open);
        payment.SelectionKey.ShouldBe(Payment.KeyFor("ideal", [(11, 4000), (10, 12550)]));
    }

    [Fact]
    public void PaidThenLateExpired_StaysPaid()
    {
        var payment = NewPayment();
        payment.MoveTo(PaymentStatus.Paid, Now).ShouldBeTrue();
        payment.MoveTo(PaymentStatus.Expired, Now.AddMinutes(20)).ShouldBeFalse();
        payment.MoveTo(PaymentStatus.Paid, Now.AddMinutes(21)).ShouldBeFalse();
        payment.Status.ShouldBe(PaymentStatus.Paid);
        payment.PaidAtUtc.ShouldBe(Now);
    }

    [Fact]
    public void Pending_NeverGoesBackToOpen()
    {
        var payment = NewPayment();
        payment.MoveTo(PaymentStatus.Pending, Now).ShouldBeTrue();
        payment.MoveTo(PaymentStatus.Open, Now).ShouldBeFalse();
        payment.MoveTo(PaymentStatus.Failed, Now).ShouldBeTrue();
        payment.IsFinal.ShouldBeTrue();
    }

    [Theory]
    [InlineData("paid", PaymentStatus.Paid)]
    [InlineData("authorized", PaymentStatus.Pending)]
    [InlineData("canceled", PaymentStatus.Canceled)]
    [InlineData("something-new", null)]
    public void FromProvider_MapsMollieStatuses(string status, PaymentStatus? expected) => Payment.FromProvider(status).ShouldBe(expected);

    [Fact]
    public void AttachProvider_ToAnotherProviderPayment_Throws()
    {
        var payment = NewPayment();
        payment.AttachProvider("tr_a", "https://checkout");
        Should.Throw<InvalidOperationException>(() => payment.AttachProvider("tr_b", null));
    }
}

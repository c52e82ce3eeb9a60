using Portal.Domain;
using Portal.Domain.Invoices;
using Shouldly;

namespace Portal.Tests.Domain;

public class InvoiceTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 9, 0, 0, DateTimeKind.Utc);

    private static InvoiceDetails Details(long total = 12550, params long[] lines) =>
        new(1, new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 1), "EUR", total,
            (lines.Length == 0 ? [total] : lines).Select(a => new InvoiceLineDetails("Stroom", a, null, null, null)).ToList(), "November");

    [Fact]
    public void New_Invoice_IsOpenWithEverythingDue()
    {
        var invoice = new Invoice(1, "F-1", Details(), Now);
        invoice.Status.ShouldBe(InvoiceStatus.Open);
        invoice.AmountDue.ShouldBe(new Money(125.50m, "EUR"));
    }

    [Fact]
    public void RegisterPayment_Part_MakesItPartiallyPaid_ThenPaid()
    {
        var invoice = new Invoice(1, "F-1", Details(), Now);
        invoice.RegisterPayment(new Money(25.50m, "EUR"), Now);
        invoice.Status.ShouldBe(InvoiceStatus.PartiallyPaid);
        invoice.AmountDue.ShouldBe(new Money(100m, "EUR"));
        invoice.RegisterPayment(new Money(100m, "EUR"), Now);
        invoice.Status.ShouldBe(InvoiceStatus.Paid);
        invoice.AmountDue.IsZero.ShouldBeTrue();
    }

    [Fact]
    public void RegisterPayment_TakesOnlyWhatIsDue_AndNothingOncePaidOrCancelled()
    {
        var invoice = new Invoice(1, "F-1", Details(), Now);
        invoice.RegisterPayment(new Money(200m, "EUR"), Now).ShouldBe(new Money(125.50m, "EUR"));
        invoice.AmountPaid.ShouldBe(new Money(125.50m, "EUR"));
        invoice.RegisterPayment(new Money(40m, "EUR"), Now).IsZero.ShouldBeTrue();
        invoice.AmountPaid.ShouldBe(invoice.Total);

        var cancelled = new Invoice(1, "F-2", Details(), Now);
        cancelled.Cancel(Now);
        cancelled.RegisterPayment(new Money(6m, "EUR"), Now).IsZero.ShouldBeTrue();
        cancelled.AmountPaid.IsZero.ShouldBeTrue();
        cancelled.Status.ShouldBe(InvoiceStatus.Cancelled);
    }

    [Fact]
    public void Update_SameDetails_IsUnchanged()
    {
        var invoice = new Invoice(1, "F-1", Details(), Now);
        invoice.Update(Details(), Now.AddHours(1)).ShouldBe(InvoiceUpdateOutcome.Unchanged);
        invoice.ChangedAtUtc.ShouldBe(Now);
    }

    [Fact]
    public void Update_PaidInvoice_IsRejected()
    {
        var invoice = new Invoice(1, "F-1", Details(), Now);
        invoice.RegisterPayment(new Money(125.50m, "EUR"), Now);
        invoice.Update(Details(20000), Now).ShouldBe(InvoiceUpdateOutcome.RejectedBecausePaid);
        invoice.TotalMinor.ShouldBe(12550);
    }

    [Fact]
    public void Update_TotalBelowWhatWasPaid_IsRejected()
    {
        var invoice = new Invoice(1, "F-1", Details(), Now);
        invoice.RegisterPayment(new Money(100m, "EUR"), Now);
        invoice.Update(Details(5000), Now).ShouldBe(InvoiceUpdateOutcome.RejectedBelowAmountPaid);
    }

    [Fact]
    public void Update_NewLines_ReplacesThemAndTouchesChangeTime()
    {
        var invoice = new Invoice(1, "F-1", Details(), Now);
        invoice.Update(Details(15000, 10000, 5000), Now.AddHours(1)).ShouldBe(InvoiceUpdateOutcome.Updated);
        invoice.Lines.Count.ShouldBe(2);
        invoice.ChangedAtUtc.ShouldBe(Now.AddHours(1));
    }

    [Fact]
    public void IsOverdue_OnlyAfterTheDueDateAndWhileOpen()
    {
        var invoice = new Invoice(1, "F-1", Details(), Now);
        invoice.IsOverdue(new DateOnly(2026, 12, 1)).ShouldBeFalse();
        invoice.IsOverdue(new DateOnly(2026, 12, 2)).ShouldBeTrue();
        invoice.Cancel(Now).ShouldBeTrue();
        invoice.IsOverdue(new DateOnly(2026, 12, 2)).ShouldBeFalse();
    }

    [Fact]
    public void Rules_TotalThatDoesNotAddUp_NamesTotalAmountWithBothSums()
    {
        var violation = InvoiceRules.Check(Details(10000, 6000, 3000)).ShouldHaveSingleItem();
        violation.Field.ShouldBe("totalAmount");
        violation.Message.ShouldContain("100.00");
        violation.Message.ShouldContain("90.00");
    }

    [Fact]
    public void Rules_DueBeforeIssueAndNegativeLine_NameEachField()
    {
        var details = Details(1000, 2000, -1000) with { DueDate = new DateOnly(2026, 10, 1) };
        InvoiceRules.Check(details).Select(v => v.Field).ShouldBe(["dueDate", "lines[1].amount"], ignoreOrder: true);
    }

    /// <summary>An invoice of 0 would be paid the moment it exists.</summary>
    [Fact]
    public void Rules_TotalOfZero_NamesTotalAmount() =>
        InvoiceRules.Check(Details(0, 0)).ShouldHaveSingleItem().Field.ShouldBe("totalAmount");
}

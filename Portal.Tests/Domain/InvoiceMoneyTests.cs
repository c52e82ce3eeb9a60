using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Invoices;
using Portal.Infrastructure.Database;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Domain;

/// <summary>Amount due, payable and overdue, defined once: the same answers in code and in the database's SQL.</summary>
public class InvoiceMoneyTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData(12550, 0, 12550)]
    [InlineData(12550, 2550, 10000)]
    [InlineData(12550, 12550, 0)]
    // Overpaid: nothing is due, never a negative amount; the money beyond the total is a credit on the customer.
    [InlineData(4000, 8000, 0)]
    public void Due_IsWhatIsLeft_NeverBelowZero(long total, long paid, long due) => InvoiceMoney.DueMinor(total, paid).ShouldBe(due);

    [Theory]
    [InlineData(InvoiceStatus.Open, true)]
    [InlineData(InvoiceStatus.PartiallyPaid, true)]
    [InlineData(InvoiceStatus.Paid, false)]
    [InlineData(InvoiceStatus.Cancelled, false)]
    public void Payable_IsOpenOrPartlyPaid(InvoiceStatus status, bool payable) => InvoiceMoney.IsPayable(status).ShouldBe(payable);

    [Fact]
    public void Overdue_IsAfterTheDueDate_AndOnlyWhilePayable()
    {
        var due = new DateOnly(2026, 12, 1);
        InvoiceMoney.IsOverdue(InvoiceStatus.Open, due, due).ShouldBeFalse();
        InvoiceMoney.IsOverdue(InvoiceStatus.Open, due, due.AddDays(1)).ShouldBeTrue();
        InvoiceMoney.IsOverdue(InvoiceStatus.Paid, due, due.AddDays(30)).ShouldBeFalse();
    }

    [Fact]
    public async Task AnOverpaidInvoice_OwesNothing_InTheDatabaseAsInCode()
    {
        var organisation = await factory.CreateOrganisationAsync();
        await organisation.AddCustomerAsync("C-1");
        await organisation.AddInvoiceAsync("F-1", "C-1", 4000, new DateOnly(2026, 12, 1));
        await organisation.AddInvoiceAsync("F-2", "C-1", 4000, new DateOnly(2026, 12, 1));
        var (sql, code) = await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDbContext>();
            // No path in Portal pays more than the total any more; an old row or a hand-made change may still say so.
            await db.Invoices.Where(i => i.OrganisationId == organisation.Id && i.InvoiceNumber == "F-1")
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.AmountPaidMinor, 8000));
            var invoices = db.Invoices.AsNoTracking().Where(i => i.OrganisationId == organisation.Id).OrderBy(i => i.InvoiceNumber);
            return (await invoices.Select(InvoiceMoney.Due).ToListAsync(), (await invoices.ToListAsync()).Select(i => i.AmountDue.MinorUnits).ToList());
        });
        sql.ShouldBe([0L, 4000L]);
        code.ShouldBe(sql);
    }
}

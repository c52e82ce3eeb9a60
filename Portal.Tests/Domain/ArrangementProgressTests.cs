using Portal.Domain.Arrangements;
using Shouldly;

namespace Portal.Tests.Domain;

/// <summary>A running plan on a fake clock: terms paid however the money came, missed ones, grace, broken and completed.</summary>
public class ArrangementProgressTests
{
    private static readonly ArrangementPolicy Policy = ArrangementPolicy.Default with { Enabled = true, GraceDays = 14, MissedTermsToBreak = 2 };
    private static readonly DateOnly Today = new(2026, 12, 3);
    private static readonly DateTime Now = new(2026, 12, 3, 9, 0, 0, DateTimeKind.Utc);

    private static Arrangement Plan(bool approve = true)
    {
        var terms = ArrangementSchedule.ByTerms(1_250_00, 0, 10, ArrangementSchedule.Dates(Today, 25, 5, 10));
        var decision = new ArrangementDecision([], approve);
        return new Arrangement(Guid.NewGuid(), 1, 2, "EUR", PaidBy.DirectDebit, 25, [(10, 1_000_00, 0), (11, 250_00, 50_00)], terms, decision, "plan", Now);
    }

    private static IReadOnlyList<ProgressChange> On(Arrangement plan, string date, long paid, long inCollection = 0) =>
        ArrangementProgress.Apply(plan, Policy, paid, inCollection, DateOnly.Parse(date), Now);

    [Fact]
    public void PaidToward_CountsWhatTheInvoicesReceivedSinceThePlan_AtMostWhatTheyLeftOpen()
    {
        var plan = Plan();
        ArrangementProgress.PaidToward([(plan.Invoices[0], 125_00, false), (plan.Invoices[1], 50_00, false)]).ShouldBe(125_00);
        ArrangementProgress.PaidToward([(plan.Invoices[0], 2_000_00, false), (plan.Invoices[1], 300_00, false)]).ShouldBe(1_250_00);
        ArrangementProgress.PaidToward([(plan.Invoices[0], 0, false), (plan.Invoices[1], 50_00, true)]).ShouldBe(250_00);
    }

    [Fact]
    public void ATermIsPaidOnceTheMoneyCovers_ItAndTheTermsBefore_InOrder()
    {
        var plan = Plan();
        On(plan, "2026-12-28", 124_99).ShouldBeEmpty();
        On(plan, "2026-12-28", 130_00).Single().ShouldSatisfyAllConditions(c => c.Step.ShouldBe(ProgressStep.TermPaid), c => c.Term!.Number.ShouldBe(1));
        // Paying three terms early at once pays terms 2 and 3.
        On(plan, "2027-01-02", 375_00).Select(c => c.Term!.Number).ShouldBe([2, 3]);
        On(plan, "2027-01-02", 375_00).ShouldBeEmpty();
    }

    [Fact]
    public void AnUnpaidTerm_IsMissedTheDayAfterItsDate_NotWhileItsDirectDebitIsWithTheBank()
    {
        var plan = Plan();
        var first = plan.Terms[0].DueDate;
        On(plan, first.ToString("yyyy-MM-dd"), 0).ShouldBeEmpty();
        On(plan, first.AddDays(1).ToString("yyyy-MM-dd"), 0, inCollection: 125_00).ShouldBeEmpty();
        var missed = On(plan, first.AddDays(1).ToString("yyyy-MM-dd"), 0).Single();
        missed.Step.ShouldBe(ProgressStep.TermMissed);
        plan.Terms[0].Status.ShouldBe(TermStatus.Missed);
        // Paid late, inside the grace: paid after all.
        On(plan, first.AddDays(5).ToString("yyyy-MM-dd"), 125_00).Single().Step.ShouldBe(ProgressStep.TermPaid);
        plan.Status.ShouldBe(ArrangementStatus.Active);
    }

    [Fact]
    public void ThePlanBreaks_WhenThePolicysNumberOfMissedTermsArePastTheirGrace()
    {
        var plan = Plan();
        var (first, second) = (plan.Terms[0].DueDate, plan.Terms[1].DueDate);
        On(plan, first.AddDays(1).ToString("yyyy-MM-dd"), 0).Single().Step.ShouldBe(ProgressStep.TermMissed);
        On(plan, first.AddDays(15).ToString("yyyy-MM-dd"), 0).ShouldBeEmpty(); // one past its grace; the policy breaks at two
        On(plan, second.AddDays(1).ToString("yyyy-MM-dd"), 0).Single().Step.ShouldBe(ProgressStep.TermMissed);
        On(plan, second.AddDays(14).ToString("yyyy-MM-dd"), 0).ShouldBeEmpty(); // the last day of grace
        On(plan, second.AddDays(15).ToString("yyyy-MM-dd"), 0).Single().Step.ShouldBe(ProgressStep.Broken);
        plan.Status.ShouldBe(ArrangementStatus.Broken);
        On(plan, second.AddDays(40).ToString("yyyy-MM-dd"), 1_250_00).ShouldBeEmpty(); // a broken plan moves no more
    }

    [Fact]
    public void ThePlanIsCompleted_WhenEverythingIsPaid_AlsoAllAtOnce()
    {
        var plan = Plan();
        var changes = On(plan, "2026-12-10", 1_250_00);
        changes.Count(c => c.Step == ProgressStep.TermPaid).ShouldBe(10);
        changes[^1].Step.ShouldBe(ProgressStep.Completed);
        plan.Status.ShouldBe(ArrangementStatus.Completed);
    }

    [Fact]
    public void ARequest_DoesNotRun_UntilTheOrganisationAgrees_AndACounterProposalWaitsForTheCustomer()
    {
        var plan = Plan(approve: false);
        plan.Status.ShouldBe(ArrangementStatus.Requested);
        On(plan, "2027-06-01", 0).ShouldBeEmpty();
        plan.Counter(ArrangementSchedule.ByTerms(1_250_00, 0, 5, ArrangementSchedule.Dates(Today, 25, 5, 5)), "Vijf delen kan wel.").ShouldBeTrue();
        plan.Approve(Now).ShouldBeFalse();
        plan.Terms.Count.ShouldBe(5);
        plan.Accept("accepted as shown", Now).ShouldBeTrue();
        plan.Status.ShouldBe(ArrangementStatus.Active);
        plan.Reject("no", Now).ShouldBeFalse();
        Should.Throw<ArgumentException>(() => Plan(approve: false).Counter(ArrangementSchedule.ByTerms(1_000_00, 0, 5, ArrangementSchedule.Dates(Today, 25, 5, 5)), null));
    }
}

using Portal.Domain.Arrangements;
using Portal.Domain.DirectDebit;
using Shouldly;

namespace Portal.Tests.Domain;

/// <summary>The plan's arithmetic as properties, the policy as one decision (a table), and a running plan on a fake clock.</summary>
public class ArrangementRulesTests
{
    private static readonly ArrangementPolicy Policy = ArrangementPolicy.Default with { Enabled = true };
    private static readonly DateOnly Today = new(2026, 12, 3);

    // ---- the schedule, as properties over many totals, term counts, days and start dates --------------------------

    public static TheoryData<long, int, int> Plans()
    {
        var data = new TheoryData<long, int, int>();
        var random = new Random(13);
        for (var i = 0; i < 60; i++) data.Add(random.NextInt64(50_00, 20_000_00), random.Next(2, 25), random.Next(0, 40));
        data.Add(1_250_00, 10, 0);
        data.Add(100_01, 3, 10);
        data.Add(50_00, 2, 50);
        return data;
    }

    [Theory]
    [MemberData(nameof(Plans))]
    public void ByTerms_AddsUpToTheCent_LastTakesTheRounding_OnCollectionDates(long total, int terms, int downPercent)
    {
        var down = ArrangementSchedule.DownPaymentMinor(total, downPercent);
        foreach (var day in new[] { 1, 15, 25, 28, 29, 31 })
        {
            var count = terms + (down > 0 ? 1 : 0);
            var dates = ArrangementSchedule.Dates(Today, day, 5, count);
            var plan = ArrangementSchedule.ByTerms(total, down, terms, dates);

            plan.Count.ShouldBe(count);
            plan.Sum(t => t.AmountMinor).ShouldBe(total);
            plan.Select(t => t.Number).ShouldBe(Enumerable.Range(1, count));
            var regular = plan.Where(t => !t.DownPayment).ToList();
            regular.Take(regular.Count - 1).Select(t => t.AmountMinor).Distinct().Count().ShouldBeLessThanOrEqualTo(1);
            regular[^1].AmountMinor.ShouldBeInRange(regular[0].AmountMinor, regular[0].AmountMinor + terms - 1);
            (plan[0].DownPayment == down > 0).ShouldBeTrue();
            foreach (var term in plan)
            {
                Target2Calendar.IsBusinessDay(term.DueDate).ShouldBeTrue($"{term.DueDate} is not a business day");
                term.DueDate.ShouldBe(CollectionCalendar.OnOrAfter(term.DueDate, day), $"{term.DueDate} is not a collection date for day {day}");
            }
            plan[0].DueDate.ShouldBeGreaterThanOrEqualTo(CollectionCalendar.Earliest(Today, 5));
            plan.Zip(plan.Skip(1)).ShouldAllBe(p => p.First.DueDate < p.Second.DueDate);
        }
    }

    [Theory]
    [MemberData(nameof(Plans))]
    public void ByAmount_AddsUpToTheCent_AndNoTermBelowTheMinimum(long total, int terms, int downPercent)
    {
        var down = ArrangementSchedule.DownPaymentMinor(total, downPercent);
        var perTerm = Math.Max(Policy.MinimumTermMinor, (total - down) / terms);
        if (perTerm >= total - down) return;
        var count = ArrangementSchedule.TermsFor(total, down, perTerm, Policy.MinimumTermMinor) + (down > 0 ? 1 : 0);
        var plan = ArrangementSchedule.ByAmount(total, down, perTerm, Policy.MinimumTermMinor, ArrangementSchedule.Dates(Today, 25, 5, count));

        plan.Count.ShouldBe(count);
        plan.Sum(t => t.AmountMinor).ShouldBe(total);
        plan.Where(t => !t.DownPayment).ShouldAllBe(t => t.AmountMinor >= Policy.MinimumTermMinor);
        plan.Where(t => !t.DownPayment).SkipLast(1).ShouldAllBe(t => t.AmountMinor == perTerm);
    }

    [Theory]
    [InlineData(1_250_00, 300_00, 5, 50_00)]   // 4 × 300 and a rest of 50, at least the minimum of 25: a term of its own
    [InlineData(1_260_00, 250_00, 5, 260_00)]  // 4 × 250 and a rest of 10, below the minimum: it joins the last term
    [InlineData(1_000_00, 250_00, 4, 250_00)]
    public void ByAmount_ARestBelowTheMinimumJoinsTheLastTerm(long total, long perTerm, int terms, long last)
    {
        var plan = ArrangementSchedule.ByAmount(total, 0, perTerm, 25_00, ArrangementSchedule.Dates(Today, 1, 5, 12));
        plan.Count.ShouldBe(terms);
        plan[^1].AmountMinor.ShouldBe(last);
    }

    [Fact]
    public void DownPayment_IsThePercentageRoundedUpToTheCent()
    {
        ArrangementSchedule.DownPaymentMinor(1_250_00, 0).ShouldBe(0);
        ArrangementSchedule.DownPaymentMinor(1_250_00, 10).ShouldBe(125_00);
        ArrangementSchedule.DownPaymentMinor(333, 10).ShouldBe(34);
    }

    [Fact]
    public void PayLinkTerms_FallOnTheDayTheFirstCanBeAnnounced()
    {
        // Thursday 3 December 2026, five business days on: Thursday 10 December.
        ArrangementSchedule.PayLinkDay(Today, 5).ShouldBe(10);
        ArrangementSchedule.Dates(Today, 10, 5, 3).ShouldBe([new(2026, 12, 10), new(2027, 1, 11), new(2027, 2, 10)]);
    }

    // ---- the policy as one decision -------------------------------------------------------------------------------

    public static TheoryData<string, long, int, int, string?, string> Decisions() => new()
    {
        // case, total, terms, down payment %, broken on, expected reasons
        { "inside", 1_250_00, 10, 0, null, "" },
        { "twelve terms is the most", 1_200_00, 12, 0, null, "" },
        { "thirteen terms, the first this month", 1_300_00, 13, 0, null, "TooManyTerms" },
        { "terms below 25", 100_00, 5, 0, null, "TermBelowMinimum" },
        { "total above 5000", 6_000_00, 12, 0, null, "TotalTooHigh" },
        { "broken three months ago", 1_250_00, 10, 0, "2026-09-03", "BrokenRecently" },
        { "broken seven months ago", 1_250_00, 10, 0, "2026-05-03", "" },
        { "many at once", 6_500_00, 14, 0, "2026-11-01", "TooManyTerms,TooManyMonths,TotalTooHigh,BrokenRecently" },
    };

    [Theory]
    [MemberData(nameof(Decisions))]
    public void Decide_ReturnsEveryRuleThePlanIsOutsideOf(string name, long total, int terms, int downPercent, string? brokenOn, string expected)
    {
        var down = ArrangementSchedule.DownPaymentMinor(total, downPercent);
        var plan = ArrangementSchedule.ByTerms(total, down, terms, ArrangementSchedule.Dates(Today, 25, 5, terms + (down > 0 ? 1 : 0)));
        var decision = ArrangementRules.Decide(Policy, total, plan, Today, brokenOn is null ? null : DateOnly.Parse(brokenOn));
        string.Join(',', decision.Reasons).ShouldBe(expected, name);
        decision.ApproveNow.ShouldBe(expected == "");
    }

    [Fact]
    public void Decide_ADownPaymentBelowThePolicy_IsOutside_AndAnOrganisationThatAnswersEveryPlanIsAsked()
    {
        var asks = Policy with { MinimumDownPaymentPercent = 20 };
        var without = ArrangementSchedule.ByTerms(1_000_00, 0, 4, ArrangementSchedule.Dates(Today, 1, 5, 4));
        ArrangementRules.Decide(asks, 1_000_00, without, Today, null).Reasons.ShouldBe([OutsidePolicy.DownPaymentTooLow]);
        var with = ArrangementSchedule.ByTerms(1_000_00, 200_00, 4, ArrangementSchedule.Dates(Today, 1, 5, 5));
        ArrangementRules.Decide(asks, 1_000_00, with, Today, null).ApproveNow.ShouldBeTrue();

        var answers = Policy with { ApproveWithinPolicy = false };
        var decision = ArrangementRules.Decide(answers, 1_000_00, without, Today, null);
        decision.WithinPolicy.ShouldBeTrue();
        decision.ApproveNow.ShouldBeFalse();
    }

    [Fact]
    public void TermChoices_OfferOnlyCountsInsideThePolicy()
    {
        ArrangementRules.TermChoices(Policy, 1_250_00).ShouldBe(Enumerable.Range(2, 11));
        ArrangementRules.TermChoices(Policy, 100_00).ShouldBe([2, 3, 4]);
        ArrangementRules.TermChoices(Policy, 40_00).ShouldBeEmpty();
        ArrangementRules.TermChoices(Policy with { MaximumTerms = 6, MinimumDownPaymentPercent = 10 }, 1_250_00).ShouldBe([2, 3, 4, 5]);
    }

    [Theory]
    [InlineData(0L, "minimumTermAmount")]
    [InlineData(-1L, "minimumTermAmount")]
    public void Policy_Check_NamesTheField(long minimum, string field) =>
        (Policy with { MinimumTermMinor = minimum }).Check().Select(e => e.Field).ShouldContain(field);

    [Fact]
    public void Policy_Check_TheDefaultIsSound_AndEachBoundIsNamed()
    {
        Policy.Check().ShouldBeEmpty();
        (Policy with { MaximumTerms = 1 }).Check().Single().Field.ShouldBe("maximumTerms");
        (Policy with { MaximumMonths = 0 }).Check().Single().Field.ShouldBe("maximumMonths");
        (Policy with { MaximumTotalMinor = 40_00 }).Check().Single().Field.ShouldBe("maximumTotal");
        (Policy with { MinimumDownPaymentPercent = 95 }).Check().Single().Field.ShouldBe("minimumDownPaymentPercent");
        (Policy with { NoPlanAfterBrokenMonths = -1 }).Check().Single().Field.ShouldBe("noPlanAfterBrokenMonths");
        (Policy with { GraceDays = 61 }).Check().Single().Field.ShouldBe("graceDays");
        (Policy with { MissedTermsToBreak = 0 }).Check().Single().Field.ShouldBe("missedTermsToBreak");
    }
}

using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Portal.Api.Auth;
using Portal.Api.Http;
using Portal.Domain.Arrangements;
using Portal.Domain.Invoices;
using Portal.Infrastructure.Arrangements;

namespace Portal.Api.Arrangements;

public static class ArrangementEndpoints
{
    public static RouteGroupBuilder MapArrangementEndpoints(this RouteGroupBuilder api)
    {
        var policy = api.MapGroup("/arrangement-policy").WithTags("Arrangements");
        policy.MapGet("/", GetPolicy).WithName("GetArrangementPolicy")
            .WithSummary("Your rules for payment plans customers set up themselves").Produces<ArrangementPolicyResponse>();
        policy.MapPut("/", PutPolicy).WithName("PutArrangementPolicy")
            .WithSummary("Switch payment plans on or off and set their rules")
            .WithDescription("minimumTermAmount: the smallest term; maximumTerms (2 to 60) and maximumMonths: how long a plan may run; maximumTotal: the "
                + "largest total; minimumDownPaymentPercent: paid first, 0 for none; noPlanAfterBrokenMonths: a customer whose plan broke this recently asks "
                + "instead; approveWithinPolicy: a plan inside these rules is agreed at once (false: you answer every plan); graceDays (default 14) and "
                + "missedTermsToBreak (default 2): how many missed terms past their grace break a plan.")
            .Accepts<ArrangementPolicyRequest>("application/json")
            .Produces<ArrangementPolicyResponse>().ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        var plans = api.MapGroup("/arrangements").WithTags("Arrangements");
        plans.MapGet("/", List).WithName("ListArrangements")
            .WithSummary("Payment plans, newest first")
            .WithDescription("Filter by customerRef and status (requested, active, rejected, broken, completed, cancelled); page with cursor (nextCursor of "
                + "the previous page) and limit (1 to 1000, default 100).")
            .Produces<ArrangementListResponse>().ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        plans.MapGet("/{id}", Get).WithName("GetArrangement")
            .WithSummary("One payment plan with its terms and what is paid").Produces<ArrangementResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        plans.MapPost("/{id}/approve", Approve).WithName("ApproveArrangement")
            .WithSummary("Agree to a requested plan as the customer asked it (arrangement.created; the customer is told)")
            .Produces<ArrangementResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        plans.MapPost("/{id}/reject", Reject).WithName("RejectArrangement")
            .WithSummary("Say no to a requested plan, with the reason the customer reads (arrangement.rejected)")
            .Accepts<RejectRequest>("application/json")
            .Produces<ArrangementResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        plans.MapPost("/{id}/counter-proposal", Counter).WithName("CounterArrangement")
            .WithSummary("Propose other terms for a requested plan; the customer accepts them on their pay link (then arrangement.created)")
            .WithDescription("terms: [{\"dueDate\": \"yyyy-MM-dd\", \"amount\": 250.00}, …] adding up to the plan's total, on business days in order, the "
                + "first at least the pre-notification lead ahead; reason: optional words to the customer.")
            .Accepts<CounterProposalRequest>("application/json")
            .Produces<ArrangementResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        plans.MapPost("/{id}/cancel", Cancel).WithName("CancelArrangement")
            .WithSummary("End a running or requested plan: its invoices are no longer paused")
            .Produces<ArrangementResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<IResult> GetPolicy(ClaimsPrincipal user, ArrangementService plans, CancellationToken ct) =>
        TypedResults.Ok(ArrangementPolicyResponse.Of(await plans.PolicyAsync(user.OrganisationId(), ct)));

    private static async Task<IResult> PutPolicy(HttpRequest request, ClaimsPrincipal user, ArrangementService plans, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<ArrangementPolicyRequest>(request);
        if (problem is not null) return problem;
        var (policy, errors) = body!.Check();
        if (policy is null) return ApiProblems.Validation(errors);
        await plans.SetPolicyAsync(user.OrganisationId(), policy, user.Actor(), ct);
        return TypedResults.Ok(ArrangementPolicyResponse.Of(await plans.PolicyAsync(user.OrganisationId(), ct)));
    }

    private static async Task<IResult> List(ClaimsPrincipal user, ArrangementService plans, string? customerRef, string? status, string? cursor, int? limit,
        CancellationToken ct)
    {
        var errors = new List<RuleViolation>();
        if (customerRef is not null && !RequestMapping.IsValidKey(customerRef)) errors.Add(new("customerRef", RequestMapping.KeyRule("customerRef")));
        var wanted = ListPaging.Status(status, ArrangementService.Statuses, errors);
        var (before, pageSize, unreadable) = ListPaging.Page(cursor, limit, errors);
        if (unreadable is not null) return unreadable;
        if (errors.Count > 0) return ApiProblems.Validation(errors);
        var (items, next) = await plans.ListAsync(user.OrganisationId(), customerRef, wanted, before, pageSize, ct);
        return TypedResults.Ok(new ArrangementListResponse([.. items.Select(ArrangementResponse.Of)], ListPaging.Next(next)));
    }

    private static async Task<IResult> Get(string id, ClaimsPrincipal user, ArrangementService plans, CancellationToken ct) =>
        Guid.TryParse(id, out var planId) && await plans.GetAsync(user.OrganisationId(), planId, ct) is { } view
            ? TypedResults.Ok(ArrangementResponse.Of(view)) : Missing(id);

    private static Task<IResult> Approve(string id, ClaimsPrincipal user, ArrangementService plans, CancellationToken ct) =>
        AnswerAsync(id, user, plans, planId => plans.ApproveAsync(user.OrganisationId(), planId, user.Actor(), ct),
            "Only a request waiting for your answer can be approved.", ct);

    private static Task<IResult> Cancel(string id, ClaimsPrincipal user, ArrangementService plans, CancellationToken ct) =>
        AnswerAsync(id, user, plans, planId => plans.CancelAsync(user.OrganisationId(), planId, user.Actor(), ct),
            "Only a plan that runs or waits for an answer can be cancelled.", ct);

    private static async Task<IResult> Reject(string id, HttpRequest request, ClaimsPrincipal user, ArrangementService plans, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<RejectRequest>(request);
        if (problem is not null) return problem;
        var (reason, errors) = body!.Check();
        if (reason is null) return ApiProblems.Validation(errors);
        return await AnswerAsync(id, user, plans, planId => plans.RejectAsync(user.OrganisationId(), planId, reason, user.Actor(), ct),
            "Only a requested plan can be rejected.", ct);
    }

    private static async Task<IResult> Counter(string id, HttpRequest request, ClaimsPrincipal user, ArrangementService plans, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<CounterProposalRequest>(request);
        if (problem is not null) return problem;
        var (terms, reason, errors) = body!.Check();
        if (terms is null) return ApiProblems.Validation(errors);
        return await AnswerAsync(id, user, plans, planId => plans.CounterAsync(user.OrganisationId(), planId, terms, reason, user.Actor(), ct),
            "Only a requested plan can get a counter-proposal.", ct);
    }

    private static async Task<IResult> AnswerAsync(string id, ClaimsPrincipal user, ArrangementService plans,
        Func<Guid, Task<ArrangementService.AnswerResult>> answer, string notNow, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var planId)) return Missing(id);
        var result = await answer(planId);
        if (result.Outcome == ArrangementService.Answer.NotFound) return Missing(id);
        if (result.Errors is { Count: > 0 } errors) return ApiProblems.Validation(errors);
        var view = await plans.GetAsync(user.OrganisationId(), planId, ct);
        if (result.Outcome == ArrangementService.Answer.NotNow)
            return TypedResults.Problem($"{notNow} This plan is {ArrangementService.StatusName(view!.Status)}"
                + (view.AwaitingCustomer ? ", waiting for the customer." : "."), statusCode: StatusCodes.Status409Conflict, title: "Not possible in this state");
        return TypedResults.Ok(ArrangementResponse.Of(view!));
    }

    private static IResult Missing(string id) => ApiProblems.NotFound($"There is no arrangement '{id}'.");
}

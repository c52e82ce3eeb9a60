using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Portal.Api.Auth;
using Portal.Api.Http;
using Portal.Domain.Invoices;
using Portal.Infrastructure;
using Portal.Infrastructure.Customers;

namespace Portal.Api.Customers;

public static class CustomerEndpoints
{
    public static RouteGroupBuilder MapCustomerEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/customers").WithTags("Customers");
        group.MapPut("/{customerRef}", Upsert).WithName("UpsertCustomer")
            .WithSummary("Create or update a customer by your own reference")
            .Accepts<CustomerRequest>("application/json")
            .Produces<CustomerResponse>(StatusCodes.Status201Created)
            .Produces<CustomerResponse>()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/{customerRef}", Get).WithName("GetCustomer").WithSummary("Read a customer")
            .Produces<CustomerResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<IResult> Upsert(string customerRef, HttpRequest request, ClaimsPrincipal user, CustomerService customers,
        CancellationToken ct)
    {
        if (!RequestMapping.IsValidKey(customerRef)) return ApiProblems.Validation("customerRef", RequestMapping.KeyRule("customerRef"));
        var (body, problem) = await JsonBody.ReadAsync<CustomerRequest>(request);
        if (problem is not null) return problem;
        var errors = new List<RuleViolation>();
        var details = body!.ToDetails(errors);
        body.TryPreferredChannel(errors, out var preferredChannel);
        if (details is null || errors.Count > 0) return ApiProblems.Validation(errors);

        var outcome = await customers.UpsertAsync(user.OrganisationId(), customerRef, details, user.Actor(), ct, preferredChannel);
        var view = await customers.GetAsync(user.OrganisationId(), customerRef, ct);
        var response = ToResponse(view!);
        return outcome == UpsertOutcome.Created
            ? TypedResults.Created($"/api/v1/customers/{Uri.EscapeDataString(customerRef)}", response)
            : TypedResults.Ok(response);
    }

    private static async Task<IResult> Get(string customerRef, ClaimsPrincipal user, CustomerService customers, CancellationToken ct)
    {
        if (!RequestMapping.IsValidKey(customerRef)) return ApiProblems.Validation("customerRef", RequestMapping.KeyRule("customerRef"));
        var view = await customers.GetAsync(user.OrganisationId(), customerRef, ct);
        return view is null ? ApiProblems.NotFound($"There is no customer '{customerRef}'.") : TypedResults.Ok(ToResponse(view));
    }

    private static CustomerResponse ToResponse(CustomerView c) =>
        new(c.CustomerRef, c.Name, c.Email, c.Phone, c.Language,
            c.Address is null ? null : new AddressDto(c.Address.Line1, c.Address.Line2, c.Address.PostalCode, c.Address.City, c.Address.Country),
            DateTime.SpecifyKind(c.UpdatedAtUtc, DateTimeKind.Utc), c.PreferredChannel is { } channel ? Portal.Domain.Messages.MessageNames.Name(channel) : null);
}

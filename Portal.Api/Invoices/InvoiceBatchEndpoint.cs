using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Portal.Api.Auth;
using Portal.Api.Http;
using Portal.Domain.Invoices;
using Portal.Infrastructure;
using Portal.Infrastructure.Invoices;

namespace Portal.Api.Invoices;

/// <summary>POST /api/v1/invoices/batch: a nightly load in one call, with a result per item.</summary>
public static class InvoiceBatchEndpoint
{
    public const long BodyLimit = 64L * 1024 * 1024;
    private static readonly string Max = InvoiceImportService.MaxItems.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    public static void MapInvoiceBatchEndpoint(this RouteGroupBuilder invoices) =>
        invoices.MapPost("/batch", Import).WithName("ImportInvoices")
            .WithSummary("Create or update up to 10,000 invoices and their customers in one call")
            .WithDescription("Customers are applied first, then invoices. A bad item is rejected on its own; the good ones are stored.")
            .Accepts<BatchRequest>("application/json")
            .Produces<BatchResponse>()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    private static async Task<IResult> Import(HttpRequest request, ClaimsPrincipal user, InvoiceImportService import, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<BatchRequest>(request, BodyLimit);
        if (problem is not null) return problem;
        var customers = body!.Customers ?? [];
        var invoices = body.Invoices ?? [];
        if (customers.Count == 0 && invoices.Count == 0)
            return ApiProblems.Validation("invoices", "Send at least one item in 'invoices' or 'customers'.");
        if (invoices.Count > InvoiceImportService.MaxItems)
            return ApiProblems.Validation("invoices", $"A batch holds at most {Max} invoices; this one has {invoices.Count}. Split it.");
        if (customers.Count > InvoiceImportService.MaxItems)
            return ApiProblems.Validation("customers", $"A batch holds at most {Max} customers; this one has {customers.Count}. Split it.");

        var customerResults = new BatchItemResult?[customers.Count];
        var customerItems = new List<(int Index, InvoiceImportService.CustomerItem Item)>();
        for (var i = 0; i < customers.Count; i++)
        {
            var c = customers[i];
            var errors = new List<RuleViolation>();
            if (c is null) errors.Add(new("customerRef", RequestMapping.KeyRule("customerRef")));
            var details = c?.ToDetails(errors);
            if (errors.Count > 0) customerResults[i] = Rejected(i, c?.CustomerRef, errors);
            else customerItems.Add((i, new InvoiceImportService.CustomerItem(c!.CustomerRef!, details!)));
        }

        var invoiceResults = new BatchItemResult?[invoices.Count];
        var invoiceItems = new List<(int Index, InvoiceInput Item)>();
        for (var i = 0; i < invoices.Count; i++)
        {
            var v = invoices[i];
            var errors = new List<RuleViolation>();
            if (v is null) errors.Add(new("invoiceNumber", RequestMapping.KeyRule("invoiceNumber")));
            var input = v?.ToInput(errors);
            if (errors.Count > 0) invoiceResults[i] = Rejected(i, v?.InvoiceNumber, errors);
            else invoiceItems.Add((i, input!));
        }

        var result = await import.ImportAsync(user.OrganisationId(), customerItems.Select(c => c.Item).ToList(),
            invoiceItems.Select(v => v.Item).ToList(), user.Actor(), ct);
        for (var k = 0; k < customerItems.Count; k++) customerResults[customerItems[k].Index] = ToResult(customerItems[k].Index, result.Customers[k]);
        for (var k = 0; k < invoiceItems.Count; k++) invoiceResults[invoiceItems[k].Index] = ToResult(invoiceItems[k].Index, result.Invoices[k]);

        var all = customerResults.Concat(invoiceResults).Select(r => r!.Result).ToList();
        var summary = new BatchSummary(all.Count(r => r == "created"), all.Count(r => r == "updated"), all.Count(r => r == "unchanged"),
            all.Count(r => r == "rejected"));
        return TypedResults.Ok(new BatchResponse(summary, customerResults!, invoiceResults!));
    }

    private static BatchItemResult ToResult(int index, InvoiceImportService.ItemResult r)
    {
        var errors = r.Errors.ToList();
        if (r.Conflict is not null) errors.Add(new RuleViolation("invoiceNumber", r.Conflict));
        return errors.Count > 0 ? Rejected(index, r.Key, errors) : new BatchItemResult(index, r.Key, r.Outcome.ToString().ToLowerInvariant(), null);
    }

    private static BatchItemResult Rejected(int index, string? key, IEnumerable<RuleViolation> errors) =>
        new(index, key, "rejected", errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));
}

using System.Linq.Expressions;

namespace Portal.Domain.Invoices;

/// <summary>
/// The money rules of an invoice, each defined once: what is still due, whether it can be paid, whether it is
/// overdue. Queries use the expressions; code that holds an invoice, or the columns of one, uses the methods, which
/// are the expressions compiled, so the two cannot disagree.
/// </summary>
public static class InvoiceMoney
{
    /// <summary>
    /// What is still due, in minor units. An overpaid invoice (more paid than its total) owes nothing: due is never
    /// below zero, and money paid beyond the total is a credit on the customer, not a negative amount due.
    /// </summary>
    public static readonly Expression<Func<Invoice, long>> Due = i => i.AmountPaidMinor >= i.TotalMinor ? 0 : i.TotalMinor - i.AmountPaidMinor;

    /// <summary>An invoice the customer can pay now: open or partly paid (not paid, not cancelled).</summary>
    public static readonly Expression<Func<Invoice, bool>> Payable = i => i.Status == InvoiceStatus.Open || i.Status == InvoiceStatus.PartiallyPaid;

    private static readonly Func<long, long, long> DueOf = CompileDue();
    private static readonly Func<InvoiceStatus, bool> PayableOf = CompilePayable();

    /// <summary><see cref="Due"/> for the columns of an invoice read by a query.</summary>
    public static long DueMinor(long totalMinor, long amountPaidMinor) => DueOf(totalMinor, amountPaidMinor);

    /// <summary><see cref="Payable"/> for a status read by a query.</summary>
    public static bool IsPayable(InvoiceStatus status) => PayableOf(status);

    /// <summary>Overdue: still payable, and its due date is before today (the due date itself is still on time).</summary>
    public static bool IsOverdue(InvoiceStatus status, DateOnly dueDate, DateOnly today) => IsPayable(status) && dueDate < today;

    // The expressions are over an invoice; these take its columns, so a projection that read only the columns can use them.
    private static Func<long, long, long> CompileDue()
    {
        var total = Expression.Parameter(typeof(long), "total");
        var paid = Expression.Parameter(typeof(long), "paid");
        return Expression.Lambda<Func<long, long, long>>(new Replace(Due.Parameters[0], total, paid).Visit(Due.Body), total, paid).Compile();
    }

    private static Func<InvoiceStatus, bool> CompilePayable()
    {
        var status = Expression.Parameter(typeof(InvoiceStatus), "status");
        return Expression.Lambda<Func<InvoiceStatus, bool>>(new Replace(Payable.Parameters[0], null, null, status).Visit(Payable.Body), status).Compile();
    }

    /// <summary>Swaps <c>i.TotalMinor</c>, <c>i.AmountPaidMinor</c> and <c>i.Status</c> for plain parameters.</summary>
    private sealed class Replace(ParameterExpression invoice, ParameterExpression? total, ParameterExpression? paid, ParameterExpression? status = null)
        : ExpressionVisitor
    {
        protected override Expression VisitMember(MemberExpression node)
        {
            if (node.Expression != invoice) return base.VisitMember(node);
            return node.Member.Name switch
            {
                nameof(Invoice.TotalMinor) when total is not null => total,
                nameof(Invoice.AmountPaidMinor) when paid is not null => paid,
                nameof(Invoice.Status) when status is not null => status,
                _ => throw new InvalidOperationException($"The rule reads {node.Member.Name}, which has no parameter here."),
            };
        }
    }
}

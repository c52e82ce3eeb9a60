#!/usr/bin/env python3
"""Writes the bench's data to disk before anything is timed, so generating it never counts.

  generate.py batches DIR --invoices N [--per-customer 10] [--batch 10000] [--prefix C]
      DIR/batch-00001.json ...: bodies for POST /api/v1/invoices/batch, each with its invoices' customers.
  generate.py csv DIR --invoices N --organisation ID [--per-customer 10] [--prefix C]
      DIR/customers.csv, DIR/invoices.csv, DIR/lines.csv: the SAME rows for psql's \\copy, with explicit ids.

Both come from one row generator (rows() below), so the API and COPY load exactly the same customers, invoices
and lines. Every invoice has two lines; customer i owns invoices i*per .. i*per+per-1.
"""
import argparse
import os
import sys

ISSUE_DATE = "2026-11-01"
DUE_DATE = "2026-12-01"
STAMP = "2026-12-01 00:00:00+00"


def customer(prefix, i):
    return {
        "ref": f"{prefix}-{i:07d}",
        "name": f"Klant {i}",
        "email": f"klant{i}@example.org",
        "line1": f"Dorpsstraat {i % 200 + 1}",
        "postal": "3511 AB",
        "city": "Utrecht",
    }


def invoice(prefix, j, per_customer):
    first = 1000 + (j * 37) % 9000  # cents, so totals differ from invoice to invoice
    second = 2500
    return {
        "number": f"{prefix}-{j:08d}",
        "customer": j // per_customer,
        "lines": [("Stroom november", first), ("Vastrecht november", second)],
        "total": first + second,
    }


def major(cents):
    return f"{cents // 100}.{cents % 100:02d}"


def customer_json(c):
    return (f'{{"customerRef":"{c["ref"]}","name":"{c["name"]}","email":"{c["email"]}","language":"nl",'
            f'"address":{{"line1":"{c["line1"]}","postalCode":"{c["postal"]}","city":"{c["city"]}","country":"NL"}}}}')


def invoice_json(v, prefix):
    lines = ",".join(f'{{"description":"{d}","amount":{major(a)}}}' for d, a in v["lines"])
    return (f'{{"invoiceNumber":"{v["number"]}","customerRef":"{prefix}-{v["customer"]:07d}","issueDate":"{ISSUE_DATE}",'
            f'"dueDate":"{DUE_DATE}","currency":"EUR","totalAmount":{major(v["total"])},"lines":[{lines}]}}')


def batches(args):
    os.makedirs(args.dir, exist_ok=True)
    if args.batch % args.per_customer:
        sys.exit("--batch must be a multiple of --per-customer, so a customer's invoices share its batch")
    count = 0
    for start in range(0, args.invoices, args.batch):
        end = min(start + args.batch, args.invoices)
        first_customer, last_customer = start // args.per_customer, (end - 1) // args.per_customer
        customers = ",".join(customer_json(customer(args.prefix, i)) for i in range(first_customer, last_customer + 1))
        invoices = ",".join(invoice_json(invoice(args.prefix, j, args.per_customer), args.prefix) for j in range(start, end))
        count += 1
        with open(os.path.join(args.dir, f"batch-{count:05d}.json"), "w", encoding="utf-8") as f:
            f.write(f'{{"customers":[{customers}],"invoices":[{invoices}]}}')
    print(f"{count} batch bodies in {args.dir}")


def csv(args):
    os.makedirs(args.dir, exist_ok=True)
    org = args.organisation
    customers = (args.invoices + args.per_customer - 1) // args.per_customer
    with open(os.path.join(args.dir, "customers.csv"), "w", encoding="utf-8") as f:
        for i in range(customers):
            c = customer(args.prefix, i)
            # Id,OrganisationId,CustomerRef,Name,Email,Phone,Language,AddressLine1,AddressLine2,AddressPostalCode,AddressCity,AddressCountry,CreatedAtUtc,UpdatedAtUtc
            f.write(f'{i + 1},{org},{c["ref"]},{c["name"]},{c["email"]},,nl,{c["line1"]},,{c["postal"]},{c["city"]},NL,{STAMP},{STAMP}\n')
    line_id = 0
    with open(os.path.join(args.dir, "invoices.csv"), "w", encoding="utf-8") as fi, \
            open(os.path.join(args.dir, "lines.csv"), "w", encoding="utf-8") as fl:
        for j in range(args.invoices):
            v = invoice(args.prefix, j, args.per_customer)
            # Id,OrganisationId,InvoiceNumber,CustomerId,IssueDate,DueDate,Currency,TotalMinor,AmountPaidMinor,Description,Status,CancelledAtUtc,CreatedAtUtc,ChangedAtUtc
            fi.write(f'{j + 1},{org},{v["number"]},{v["customer"] + 1},{ISSUE_DATE},{DUE_DATE},EUR,{v["total"]},0,,Open,,{STAMP},{STAMP}\n')
            for position, (description, amount) in enumerate(v["lines"], start=1):
                line_id += 1
                # Id,InvoiceId,Position,Description,AmountMinor,Quantity,UnitPriceMinor,VatRate
                fl.write(f"{line_id},{j + 1},{position},{description},{amount},,,\n")
    print(f"{customers} customers, {args.invoices} invoices, {line_id} lines as CSV in {args.dir}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("batches", "csv"):
        p = sub.add_parser(name)
        p.add_argument("dir")
        p.add_argument("--invoices", type=int, required=True)
        p.add_argument("--per-customer", type=int, default=10)
        p.add_argument("--prefix", default="C")
        if name == "batches":
            p.add_argument("--batch", type=int, default=10000)
        else:
            p.add_argument("--organisation", type=int, required=True)
    args = parser.parse_args()
    batches(args) if args.command == "batches" else csv(args)


if __name__ == "__main__":
    main()

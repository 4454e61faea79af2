namespace IntegrationHub.Core.Records;

/// <summary>
/// The canonical model every connector maps to and from (camelCase JSON, amounts as decimals with an ISO 4217
/// <c>currency</c>, dates as "yyyy-MM-dd", times as UTC ISO-8601). Shapes:
/// <list type="bullet">
/// <item>Customer: name, companyName, email, phone, currency, taxNumber, active, billingAddress { line1, line2, city, region, postalCode, country }</item>
/// <item>Item: name, sku, description, type (service | inventory | noninventory), unitPrice, incomeAccountCode, active</item>
/// <item>Account: code, name, type, class, currency, active</item>
/// <item>Invoice: number, customerId, issueDate, dueDate, currency, status (draft | submitted | authorised | paid | voided),
///   reference, lines [ { description, itemId, quantity, unitPrice, amount, taxCode, accountCode } ], subtotal, taxTotal, total,
///   amountPaid, amountDue, paidDate</item>
/// <item>Payment: date, amount, currency, customerId, reference, allocations [ { invoiceId, amount } ]</item>
/// <item>CreditNote: number, customerId, issueDate, currency, status, reference, lines [ as Invoice ], subtotal, taxTotal, total, remainingCredit</item>
/// <item>Project (host app only): name, customerId, status</item>
/// </list>
/// Reference fields hold ids of the side the record is on: host ids in host-side records, the provider's ids in
/// external-side records; the engine translates them through the link table.
/// </summary>
public static class CanonicalEntities
{
    public const string Customer = "Customer";
    public const string Item = "Item";
    public const string Account = "Account";
    public const string Invoice = "Invoice";
    public const string Payment = "Payment";
    public const string CreditNote = "CreditNote";
    public const string Project = "Project";

    public static readonly IReadOnlyList<string> All = [Customer, Item, Account, Invoice, Payment, CreditNote, Project];

    /// <summary>A field path (with "[]" for every array element) that refers to a record of another entity.</summary>
    public sealed record Reference(string Path, string Entity);

    /// <summary>References per entity; an entity's references are synced before it (dependencies first).</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<Reference>> References = new Dictionary<string, IReadOnlyList<Reference>>
    {
        [Invoice] = [new("customerId", Customer), new("lines[].itemId", Item)],
        [CreditNote] = [new("customerId", Customer), new("lines[].itemId", Item)],
        [Payment] = [new("customerId", Customer), new("allocations[].invoiceId", Invoice)],
        [Project] = [new("customerId", Customer)],
    };

    /// <summary>Invoice and credit note statuses after which accounting practice forbids rewriting the document.</summary>
    public static readonly IReadOnlySet<string> PostedStatuses = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "authorised", "paid", "voided" };

    /// <summary>Order in which entities sync so references resolve: customers and items before invoices, invoices before payments.</summary>
    public static readonly IReadOnlyList<string> SyncOrder = [Account, Customer, Item, Invoice, CreditNote, Payment, Project];

    public static bool IsKnown(string entity) => All.Contains(entity, StringComparer.Ordinal);
}

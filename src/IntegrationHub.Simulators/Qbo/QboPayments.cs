using System.Text.Json.Nodes;
using IntegrationHub.Simulators.Shared;

namespace IntegrationHub.Simulators.Qbo;

/// <summary>Links payments to invoices (Line[].LinkedTxn) and keeps each invoice's Balance in step.</summary>
public static class QboPayments
{
    public delegate void TouchAction(QboCompany company, string entity, StoredEntity stored, DateTimeOffset now);

    public static void Validate(QboCompany company, JsonObject payment, DateTimeOffset now)
    {
        var customerId = payment.Obj("CustomerRef")?.Str("value") ?? throw QboFaultException.Required("CustomerRef");
        var customer = company.Table("Customer").FindLive(customerId) ?? throw QboFaultException.InvalidReference("Customer", customerId);
        payment.Obj("CustomerRef")!["name"] = customer.Data.Str("DisplayName");
        var total = payment.Dec("TotalAmt") ?? throw QboFaultException.Required("TotalAmt");
        var applied = 0m;
        foreach (var (invoice, amount) in Links(company, payment))
        {
            if (invoice.Data.Obj("CustomerRef")?.Str("value") != customerId)
                throw QboFaultException.Business($"Invoice {invoice.Id} belongs to a different customer");
            if (amount > (invoice.Data.Dec("Balance") ?? 0))
                throw QboFaultException.Business($"The payment amount {amount} exceeds the open balance of invoice {invoice.Id}");
            applied += amount;
        }
        if (applied > total) throw QboFaultException.Business("The amount applied to transactions exceeds the payment total");
        payment["UnappliedAmt"] = total - applied;
        payment["TxnDate"] ??= QboTime.Date(now);
        payment["CurrencyRef"] ??= new JsonObject { ["value"] = "USD", ["name"] = "United States Dollar" };
    }

    public static void Apply(QboCompany company, JsonObject payment, DateTimeOffset now, TouchAction touch) =>
        Adjust(company, payment, now, touch, sign: -1);

    public static void Unapply(QboCompany company, JsonObject payment, DateTimeOffset now, TouchAction touch) =>
        Adjust(company, payment, now, touch, sign: +1);

    private static void Adjust(QboCompany company, JsonObject payment, DateTimeOffset now, TouchAction touch, int sign)
    {
        var paymentId = payment.Str("Id");
        foreach (var (invoice, amount) in Links(company, payment))
        {
            var data = invoice.Data;
            data["Balance"] = (data.Dec("Balance") ?? 0) + sign * amount;
            QboBalances.Adjust(company, data.Obj("CustomerRef")?.Str("value"), sign * amount);
            var links = data["LinkedTxn"] as JsonArray ?? [];
            var existing = links.OfType<JsonObject>().FirstOrDefault(l => l.Str("TxnId") == paymentId && l.Str("TxnType") == "Payment");
            if (sign < 0 && existing is null) links.Add(new JsonObject { ["TxnId"] = paymentId, ["TxnType"] = "Payment" });
            if (sign > 0 && existing is not null) links.Remove(existing);
            data["LinkedTxn"] = links;
            touch(company, "Invoice", invoice, now);
        }
    }

    private static IEnumerable<(StoredEntity Invoice, decimal Amount)> Links(QboCompany company, JsonObject payment)
    {
        foreach (var line in payment.Arr("Line").OfType<JsonObject>())
        {
            var amount = line.Dec("Amount") ?? 0;
            foreach (var link in line.Arr("LinkedTxn").OfType<JsonObject>())
            {
                if (!string.Equals(link.Str("TxnType"), "Invoice", StringComparison.OrdinalIgnoreCase)) continue;
                var txnId = link.Str("TxnId");
                var invoice = txnId is null ? null : company.Table("Invoice").FindLive(txnId);
                yield return (invoice ?? throw QboFaultException.InvalidReference("Invoice", txnId), amount);
            }
        }
    }
}

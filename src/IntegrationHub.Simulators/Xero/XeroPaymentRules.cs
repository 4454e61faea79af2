using System.Text.Json.Nodes;
using IntegrationHub.Simulators.Shared;

namespace IntegrationHub.Simulators.Xero;

/// <summary>
/// Payments against invoices: only AUTHORISED invoices, never more than AmountDue, into a bank (or
/// payments-enabled) account. The invoice's AmountPaid/AmountDue/Status follow; deleting reverses it.
/// </summary>
public static class XeroPaymentRules
{
    public static void Prepare(XeroOrg org, JsonObject data, JsonObject? previous, DateTimeOffset now, XeroEffects effects)
    {
        if (previous is not null)
        {
            if (data.Str("Status") != "DELETED" || previous.Str("Status") == "DELETED")
                throw new XeroValidationException("A payment can only be updated to change its status to DELETED");
            var paidInvoice = Invoice(org, previous);
            var refund = previous.Dec("Amount") ?? 0;
            effects.Add(XeroCollections.Invoices, paidInvoice, () => Adjust(paidInvoice.Data, -refund, previous.Str("PaymentID"), null, now));
            return;
        }
        var invoice = Invoice(org, data);
        var status = invoice.Data.Str("Status");
        if (status != "AUTHORISED") throw new XeroValidationException($"Payment cannot be created for an invoice with status {status}");
        var account = Account(org, data);
        var amount = data.Dec("Amount") ?? 0;
        if (amount <= 0) throw new XeroValidationException("Payment amount must be greater than zero");
        if (amount > (invoice.Data.Dec("AmountDue") ?? 0)) throw new XeroValidationException("The payment amount exceeds the amount outstanding on this document");
        XeroDocuments.NormaliseDate(data, "Date", now);
        data["Invoice"] = new JsonObject
        {
            ["InvoiceID"] = invoice.Id,
            ["InvoiceNumber"] = invoice.Data.Str("InvoiceNumber"),
            ["Type"] = invoice.Data.Str("Type"),
            ["Contact"] = invoice.Data["Contact"]?.DeepClone(),
        };
        data["Account"] = new JsonObject { ["AccountID"] = account.Id, ["Code"] = account.Data.Str("Code") };
        data["Status"] = "AUTHORISED";
        data["PaymentType"] = invoice.Data.Str("Type") == "ACCPAY" ? "ACCPAYPAYMENT" : "ACCRECPAYMENT";
        data["IsReconciled"] ??= false;
        data["CurrencyRate"] ??= 1m;
        data["BankAmount"] = amount;
        data["HasAccount"] = true;
        var summary = new JsonObject { ["PaymentID"] = data.Str("PaymentID"), ["Date"] = data.Str("Date"), ["Amount"] = amount };
        effects.Add(XeroCollections.Invoices, invoice, () => Adjust(invoice.Data, amount, data.Str("PaymentID"), summary, now));
    }

    private static void Adjust(JsonObject invoice, decimal amount, string? paymentId, JsonObject? summary, DateTimeOffset now)
    {
        var paid = (invoice.Dec("AmountPaid") ?? 0) + amount;
        var due = (invoice.Dec("AmountDue") ?? 0) - amount;
        invoice["AmountPaid"] = paid;
        invoice["AmountDue"] = due;
        var payments = invoice["Payments"] as JsonArray ?? [];
        if (summary is not null) payments.Add(summary);
        else if (payments.OfType<JsonObject>().FirstOrDefault(p => p.Str("PaymentID") == paymentId) is { } removed) payments.Remove(removed);
        invoice["Payments"] = payments;
        if (due == 0)
        {
            invoice["Status"] = "PAID";
            invoice["FullyPaidOnDate"] = XeroDates.ToJson(now);
        }
        else
        {
            invoice["Status"] = "AUTHORISED";
            invoice.Remove("FullyPaidOnDate");
        }
    }

    private static StoredEntity Invoice(XeroOrg org, JsonObject payment)
    {
        var reference = payment.Obj("Invoice");
        if (reference is null)
            throw new XeroValidationException(payment["CreditNote"] is not null ? "Payments to credit notes are not supported by this simulator" : "Invoice is required");
        var table = org.Table(XeroCollections.Invoices);
        var invoice = reference.Str("InvoiceID") is { } id ? table.FindLive(id)
            : reference.Str("InvoiceNumber") is { } number ? table.Live().FirstOrDefault(i => i.Data.Str("InvoiceNumber") == number) : null;
        return invoice ?? throw new XeroValidationException("Invoice could not be found");
    }

    private static StoredEntity Account(XeroOrg org, JsonObject payment)
    {
        var reference = payment.Obj("Account") ?? throw new XeroValidationException("Account is required");
        var table = org.Table(XeroCollections.Accounts);
        var account = reference.Str("AccountID") is { } id ? table.FindLive(id)
            : reference.Str("Code") is { } code ? table.Live().FirstOrDefault(a => a.Data.Str("Code") == code) : null;
        if (account is null) throw new XeroValidationException("Account could not be found");
        var enabled = account.Data["EnablePaymentsToAccount"] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
        if (account.Data.Str("Type") != "BANK" && !enabled) throw new XeroValidationException("Account type is invalid for making a payment to/from");
        return account;
    }
}

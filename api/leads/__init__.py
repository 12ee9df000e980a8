"""Lead scoring API: Lead.score, leadModel, trainLeadModel, scoreLeads, scoreLead and
evaluateLeadTable."""

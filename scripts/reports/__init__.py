"""`welfare report`: one module per report computing pandas tables; `output` writes CSV, XLSX, HTML, PDF."""

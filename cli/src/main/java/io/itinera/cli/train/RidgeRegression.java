package io.itinera.cli.train;

/**
 * Ridge regression with an unpenalised intercept: minimises Σ(y − b − x·w)² + λ|w|² over rows of already
 * scaled inputs, solved exactly (normal equations, Gaussian elimination with partial pivoting). Deterministic.
 */
record RidgeRegression(double intercept, double[] weights) {

	static RidgeRegression fit(double[][] rows, double[] outcomes, double lambda) {
		int width = rows.length == 0 ? 0 : rows[0].length;
		int n = width + 1; // intercept last
		double[][] system = new double[n][n + 1];
		for (int r = 0; r < rows.length; r++) {
			for (int i = 0; i < n; i++) {
				double xi = i < width ? rows[r][i] : 1;
				for (int j = 0; j < n; j++) {
					system[i][j] += xi * (j < width ? rows[r][j] : 1);
				}
				system[i][n] += xi * outcomes[r];
			}
		}
		for (int i = 0; i < width; i++) {
			system[i][i] += lambda;
		}
		if (rows.length == 0) {
			return new RidgeRegression(0, new double[width]);
		}
		double[] solution = solve(system);
		double[] weights = new double[width];
		System.arraycopy(solution, 0, weights, 0, width);
		return new RidgeRegression(solution[width], weights);
	}

	double predict(double[] row) {
		double value = intercept;
		for (int i = 0; i < weights.length; i++) {
			value += weights[i] * row[i];
		}
		return value;
	}

	private static double[] solve(double[][] a) {
		int n = a.length;
		for (int col = 0; col < n; col++) {
			int pivot = col;
			for (int r = col + 1; r < n; r++) {
				if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
					pivot = r;
				}
			}
			double[] swap = a[col];
			a[col] = a[pivot];
			a[pivot] = swap;
			if (Math.abs(a[col][col]) < 1e-12) {
				continue; // a constant input without penalty: its weight stays 0
			}
			for (int r = 0; r < n; r++) {
				if (r != col) {
					double factor = a[r][col] / a[col][col];
					for (int c = col; c <= n; c++) {
						a[r][c] -= factor * a[col][c];
					}
				}
			}
		}
		double[] x = new double[n];
		for (int i = 0; i < n; i++) {
			x[i] = Math.abs(a[i][i]) < 1e-12 ? 0 : a[i][n] / a[i][i];
		}
		return x;
	}
}

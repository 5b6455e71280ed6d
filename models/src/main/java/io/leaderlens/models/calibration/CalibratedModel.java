package io.leaderlens.models.calibration;

import static java.util.Objects.requireNonNull;

import io.leaderlens.models.FraudModel;
import java.io.Serializable;
import java.util.List;

/**
 * A model whose score is a calibrated probability of fraud, so that a threshold means the same thing across model
 * versions. Reasons (contributions) and importance are the underlying model's: calibration is monotone.
 */
public record CalibratedModel(FraudModel model, PlattCalibration calibration) implements FraudModel, Serializable {
    public CalibratedModel {
        requireNonNull(model, "model");
        requireNonNull(calibration, "calibration");
    }

    @Override
    public List<String> featureNames() {
        return model.featureNames();
    }

    @Override
    public double score(double[] features) {
        return calibration.apply(model.score(features));
    }

    @Override
    public double[] importance() {
        return model.importance();
    }

    @Override
    public double[] contributions(double[] features) {
        return model.contributions(features);
    }
}
